// The interfaces the use cases need. Adapters implement them; tests may swap in temp-file SQLite.
import type { HallConfig, HallEvent, IngestResult, Role, TokenInfo } from "../../contract/index.js";

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
  hasEvent(hallId: string, eventId: string): boolean;
  /** Events of the given types with ts ≥ sinceMs, in commit order (for facts kept over weeks). */
  eventsOfTypesSince(hallId: string, types: readonly string[], sinceMs: number): HallEvent[];
  /** Every committed event of one ticket, in commit order. */
  eventsOfTicket(hallId: string, ticketId: string): HallEvent[];
  /** The committed event with this id, or null. */
  getEvent(hallId: string, eventId: string): HallEvent | null;
  /**
   * The events a load view over (.., toMs] needs: every event with ts in [sinceMs, toMs] plus each
   * window's latest transition before sinceMs (its state), in commit order.
   */
  eventsForFacts(hallId: string, sinceMs: number, toMs: number): HallEvent[];
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
  list(hallId: string | null): Promise<TokenRecord[]>;
}

export interface QuarantineRow {
  id: number;
  hallId: string;
  source: string;
  eventId: string | null;
  field: string | null;
  error: string;
  payload: string;
  receivedAt: string;
}

export interface QuarantineRepository {
  list(hallId: string, opts: { limit: number; beforeId?: number }): Promise<QuarantineRow[]>;
}

export type { IngestResult, TokenInfo };
