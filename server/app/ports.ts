// The interfaces the use cases need. Adapters implement them (SQLite by default, PostgreSQL for a
// cluster); tests may swap in temp-file SQLite. Reads are async: on PostgreSQL each is a network round trip.
import type { HallConfig, HallEvent, IngestResult, QuarantineItem, Role, TokenInfo } from "../../contract/index.js";
import type { HistoryArrivalRow } from "../domain/forecast/index.js";
import type { ReceivedEvent } from "../domain/floor-watch/index.js";
import type { CalibrationInput } from "../domain/wait-estimate/calibration.js";

export interface Clock {
  now(): number;
}

export type IngestSource = "http" | "socket" | "staff";

/** One thing to commit in a group: an accepted-to-be event or a quarantined input. */
export type AppendItem =
  | {
      kind: "event";
      hallId: string;
      event: HallEvent;
      tsMs: number;
      receivedMs: number;
      /** Hall-local days whose history rollups this event changes (marked in the same transaction). */
      rollupDays: readonly string[];
    }
  | {
      kind: "quarantine";
      hallId: string;
      source: IngestSource;
      eventId: string | null;
      field: string | null;
      error: string;
      /** The raw input as JSON text, personal identifiers already masked. */
      payload: string;
      receivedMs: number;
    };

/** Per item, in order: events are `accepted` or `duplicate`; quarantine rows are `stored`. */
export type AppendOutcome = "accepted" | "duplicate" | "stored";

export interface EventLog {
  /** Commits the items in one transaction (grouped with others) and resolves only after the commit. */
  append(items: AppendItem[]): Promise<AppendOutcome[]>;
  /** True when the hall's log already holds this event id (committed). */
  hasEvent(hallId: string, eventId: string): Promise<boolean>;
  /** The ids among `eventIds` the hall's log already holds (committed): one query for a whole batch. */
  existingEventIds(hallId: string, eventIds: readonly string[]): Promise<Set<string>>;
  /**
   * Events of the given types with ts ≥ sinceMs (and < beforeMs when given), in commit order (for facts kept
   * over weeks; read a day at a time where the event loop must stay free: log-slices.ts).
   */
  eventsOfTypesSince(hallId: string, types: readonly string[], sinceMs: number, beforeMs?: number): Promise<HallEvent[]>;
  /**
   * `evaluation.submitted` events with rating ≤ maxRating and ts ≥ sinceMs (and < beforeMs when given), in
   * commit order: the rating is compared in the query, so a backfill of poor evaluations reads only those.
   */
  evaluationsRatedAtMost(hallId: string, maxRating: number, sinceMs: number, beforeMs?: number): Promise<HallEvent[]>;
  /**
   * True when a read holds the event loop until it returns (SQLite: synchronous), so that background reads
   * of weeks go a day at a time; false (PostgreSQL) when a small answer is better asked for in one query.
   */
  readonly readsHoldEventLoop: boolean;
  /** Every committed event of one ticket, in commit order. */
  eventsOfTicket(hallId: string, ticketId: string): Promise<HallEvent[]>;
  /** The committed event with this id, or null. */
  getEvent(hallId: string, eventId: string): Promise<HallEvent | null>;
  /**
   * The events a load view over (.., toMs] needs — each window's latest transition before sinceMs (its
   * state), then every event with ts in [sinceMs, toMs] in commit order — handed to `fold` a batch at a
   * time as they are read, so that a caller folding them never holds the range's events at once (a busy
   * hall's 48 hours at start, a month's /load: issue #8's memory). `fold` must not read the log.
   */
  foldEventsForFacts(hallId: string, sinceMs: number, toMs: number, fold: (batch: HallEvent[]) => void): Promise<void>;
}

export interface HallRepository {
  get(hallId: string): Promise<HallConfig | null>;
  put(hallId: string, config: HallConfig): Promise<{ created: boolean }>;
  list(): Promise<{ hallId: string; config: HallConfig }[]>;
}

export interface TokenRecord {
  id: string;
  role: Role;
  hallId: string | null;
  windowId: string | null;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface TokenRepository {
  create(record: Omit<TokenRecord, "createdAt" | "revokedAt">, tokenHash: string): Promise<TokenRecord>;
  upsertBootstrap(id: string, tokenHash: string): Promise<void>;
  exists(id: string): Promise<boolean>;
  revoke(id: string, at: Date): Promise<TokenRecord | null>;
  /** Every active token with its hash, to fill the in-memory lookup at start. */
  activeWithHashes(): Promise<{ record: TokenRecord; tokenHash: string }[]>;
  /** The active token with this hash, if any (a token another node made a moment ago). */
  activeByHash(tokenHash: string): Promise<TokenRecord | null>;
  list(hallId: string | null): Promise<TokenRecord[]>;
}

/** A stored quarantine entry is what GET …/quarantine answers (the contract's shape). */
export type QuarantineRow = QuarantineItem;

export interface QuarantineRepository {
  list(hallId: string, opts: { limit: number; beforeId?: number }): Promise<QuarantineRow[]>;
}

/** The same-weekday history the early-warning forecast starts from (issue #9), read from the rollups. */
export interface ArrivalHistoryRows {
  /** The hall-local days read (YYYY-MM-DD), newest first. */
  days: string[];
  /** Their 15-minute arrival rows per category (rows without arrivals left out). */
  rows: HistoryArrivalRow[];
  /** Mean handling seconds per category over those days (categories with handled tickets only). */
  handleSeconds: Map<string, number>;
}

export interface ArrivalHistoryReader {
  /**
   * The last `weeks` (default 8) same weekdays before the hall-local day `day`. Days `keep` rejects (e.g.
   * public holidays) are skipped and replaced by earlier ones, looking back at most twice as many weeks.
   */
  sameWeekdayArrivals(hallId: string, day: string, timeZone: string, opts?: { weeks?: number; keep?: (day: string) => boolean }): Promise<ArrivalHistoryRows>;
  /** Changes whenever the rollups of one of `days` are (re)computed: a cache key for what was read. */
  stamp(hallId: string, days: readonly string[]): Promise<string>;
}

export type { IngestResult, TokenInfo };

/** The wait estimates given at issue, with each ticket's first call (issue #9, per-day calibration). */
export interface EstimateStore {
  /** Estimates of tickets issued in [fromMs, toMs), each with its first ticket.called time or null. */
  calibrationInputs(hallId: string, fromMs: number, toMs: number): Promise<CalibrationInput[]>;
}

/** The event log's events with their server receive time (issue #9, device data quality). */
export interface ReceivedEventReader {
  /** Events with ts in [fromMs, toMs) plus the context before it that the judgement needs. */
  forPeriod(hallId: string, fromMs: number, toMs: number): Promise<ReceivedEvent[]>;
}
