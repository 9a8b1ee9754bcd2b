// The event log on PostgreSQL (issue #11), for several nodes sharing one database. Same promise as the
// SQLite log: an append resolves only after its transaction committed (synchronous_commit on), and a
// duplicate is decided by the unique (hallId, eventId) constraint inside the insert — never by a
// read-then-write that two nodes could race.
//
// Commit order: every append transaction first takes one transaction-scoped advisory lock, then draws its
// `seq` values. So seqs become visible in increasing order across all nodes, and a node that has read
// everything up to seq N can never later see a smaller seq appear: the log follower's catch-up by global
// seq (log-follower.ts) relies on that. The lock serializes commits only; groups keep commits few.
import type pg from "pg";
import type { HallEvent } from "../../../contract/index.js";
import type { AppendItem, AppendOutcome, EventLog } from "../../app/ports.js";
import { FACTS_BATCH } from "../facts-batches.js";
import { GroupCommit, type GroupCommitOptions } from "../group-commit.js";
import { inTransaction } from "./transaction.js";
import { toWriteRow, type EventRow, type FollowUpCaseRow, type QuarantineRow, type WriteRow } from "../sqlite/log-writer.js";

/**
 * How a range's events are read for the facts (foldEventsForFacts): one snapshot, and every row of the
 * cursor planned for (cursor_tuple_fraction 1), not the first tenth — which picked a walk of the whole log
 * in seq order filtered by hall, every hall's read costing the whole table (a province's start, sixty
 * halls: 2.5× slower, and worse as the log grows). Exported for the test of the plan.
 */
export const FACTS_READ_BEGIN = "begin isolation level repeatable read read only; set local cursor_tuple_fraction = 1";
export const FACTS_RANGE_SQL = `select payload from "Event" where "hallId" = $1 and "tsMs" >= $2 and "tsMs" <= $3 order by seq`;

/** pg_advisory_xact_lock key of the event log's commit order ('HPLOG' in ASCII). */
export const LOG_COMMIT_LOCK = 0x48504c4f47;
/** The channel a commit notifies (after its commit) so that other nodes read the new events at once. */
export const LOG_CHANNEL = "hallpulse_log";

const TRANSITION_TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed"];

export interface PgEventLogOptions extends GroupCommitOptions {
  /**
   * Told the seqs this node inserted, before their commit, so that its follower never folds them a second
   * time (the ingest path folds them once the commit answers; the follower may read them sooner).
   */
  onInserted?: (seqs: number[]) => void;
}

export class PgEventLog implements EventLog {
  /** Reads wait on the network, not on the event loop: a small answer is asked for in one query. */
  readonly readsHoldEventLoop = false;
  private readonly group: GroupCommit<WriteRow>;

  constructor(private readonly pool: pg.Pool, private readonly opts: PgEventLogOptions = {}) {
    this.group = new GroupCommit<WriteRow>((groups) => this.commit(groups), opts);
  }

  append(items: AppendItem[]): Promise<AppendOutcome[]> {
    return this.group.enqueue(items.map(toWriteRow));
  }

  /** Rows other than events (follow-up cases) in the same transaction groups. */
  write(rows: WriteRow[]): Promise<AppendOutcome[]> {
    return this.group.enqueue(rows);
  }

  async hasEvent(hallId: string, eventId: string): Promise<boolean> {
    const r = await this.pool.query(`select 1 from "Event" where "hallId" = $1 and "eventId" = $2`, [hallId, eventId]);
    return (r.rowCount ?? 0) > 0;
  }

  async existingEventIds(hallId: string, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const r = await this.pool.query<{ eventId: string }>(`select "eventId" from "Event" where "hallId" = $1 and "eventId" = any($2::text[])`, [hallId, eventIds]);
    return new Set(r.rows.map((row) => row.eventId));
  }

  async eventsOfTypesSince(hallId: string, types: readonly string[], sinceMs: number, beforeMs?: number): Promise<HallEvent[]> {
    if (types.length === 0) return [];
    return this.payloads(`select payload from "Event" where "hallId" = $1 and "tsMs" >= $2 and ($4::bigint is null or "tsMs" < $4) and "type" = any($3::text[]) order by seq`, [
      hallId,
      sinceMs,
      types,
      beforeMs ?? null,
    ]);
  }

  evaluationsRatedAtMost(hallId: string, maxRating: number, sinceMs: number, beforeMs?: number): Promise<HallEvent[]> {
    // The payload is text: only the hall's evaluations of the range are parsed as JSON for their rating.
    return this.payloads(
      `select payload from "Event" where "hallId" = $1 and "tsMs" >= $2 and ($4::bigint is null or "tsMs" < $4)
         and "type" = 'evaluation.submitted' and (payload::jsonb ->> 'rating')::numeric <= $3 order by seq`,
      [hallId, sinceMs, maxRating, beforeMs ?? null],
    );
  }

  eventsOfTicket(hallId: string, ticketId: string): Promise<HallEvent[]> {
    return this.payloads(`select payload from "Event" where "hallId" = $1 and "ticketId" = $2 order by seq`, [hallId, ticketId]);
  }

  async getEvent(hallId: string, eventId: string): Promise<HallEvent | null> {
    return (await this.payloads(`select payload from "Event" where "hallId" = $1 and "eventId" = $2`, [hallId, eventId]))[0] ?? null;
  }

  /**
   * Each window's last open/pause/resume/close before `sinceMs` (by window id in byte order, as the SQLite
   * log answers: the two are compared in the tests), then the events from `sinceMs` to `toMs` through a
   * cursor, a batch per fetch — both read in one snapshot, on one connection of the pool for the read.
   */
  async foldEventsForFacts(hallId: string, sinceMs: number, toMs: number, fold: (batch: HallEvent[]) => void): Promise<void> {
    const parsed = (rows: { payload: string }[]) => rows.map((row) => JSON.parse(row.payload) as HallEvent);
    await inTransaction(this.pool, FACTS_READ_BEGIN, async (client) => {
      const before = await client.query<{ payload: string }>(
        `select payload from (
           select distinct on ("windowId") "windowId", payload from "Event"
           where "hallId" = $1 and "windowId" is not null and "type" = any($2::text[]) and "tsMs" < $3
           order by "windowId", "tsMs" desc, seq desc) last order by "windowId" collate "C"`,
        [hallId, TRANSITION_TYPES, sinceMs],
      );
      if (before.rows.length > 0) fold(parsed(before.rows));
      await client.query(`declare facts no scroll cursor for ${FACTS_RANGE_SQL}`, [hallId, sinceMs, toMs]);
      for (;;) {
        const batch = await client.query<{ payload: string }>(`fetch ${FACTS_BATCH} from facts`);
        if (batch.rows.length > 0) fold(parsed(batch.rows));
        if (batch.rows.length < FACTS_BATCH) break;
      }
    });
  }

  /** Commits whatever is queued and waits for commits in flight (shutdown). The pool is the caller's. */
  settled(): Promise<void> {
    return this.group.settled();
  }

  close(): Promise<void> {
    return this.group.drain();
  }

  private async payloads(sql: string, params: unknown[]): Promise<HallEvent[]> {
    const r = await this.pool.query<{ payload: string }>(sql, params);
    return r.rows.map((row) => JSON.parse(row.payload) as HallEvent);
  }

  private commit(groups: WriteRow[][]): Promise<AppendOutcome[][]> {
    // The commit-order lock is taken in the transaction's first round trip (a simple query of two
    // statements, its key a constant): one round trip fewer per commit on the node's busiest connection.
    const events = groups.some((rows) => rows.some((row) => row[0] === "e"));
    return inTransaction(this.pool, events ? `begin; select pg_advisory_xact_lock(${LOG_COMMIT_LOCK})` : "begin", async (client) => {
      // The other nodes are notified in the same statement as the insert (insertMarkNotify).
      const outcomes = await writeGroups(client, groups);
      if (outcomes.seqs.length > 0) this.opts.onInserted?.(outcomes.seqs);
      return outcomes.perGroup;
    });
  }

}

/**
 * Under the commit-order lock, one round trip: the events inserted (of two copies of one id in the group
 * the first: `with ordinality`), the days whose rollups the accepted ones change marked, and the other
 * nodes notified with the highest seq (delivered when, and only if, the transaction commits). The lock
 * is held until the commit, and every round trip under it is waited for by every node's commits; there
 * were four (insert, mark, notify, commit). Two nodes' acks at ten times a province's peak were far slower
 * than one node's (issue #11), but whether this shortening helps could not be told from the runs' spread
 * (performance.md §8, session 14): it is kept as the smaller hold, not as a measured gain.
 */
async function insertMarkNotify(client: pg.PoolClient, events: readonly EventRow[]): Promise<{ hallId: string; eventId: string; seq: number }[]> {
  const col = (i: number) => events.map((r) => r[i] ?? null);
  // The days of the first copy of each id: the copy that is inserted when any is.
  const firstCopies = new Set<string>();
  const marks: { hallId: string; eventId: string; day: string; since: number }[] = [];
  for (const row of events) {
    const key = `${row[1]}\u0000${row[2]}`;
    if (firstCopies.has(key)) continue;
    firstCopies.add(key);
    for (const day of row[11]) marks.push({ hallId: row[1], eventId: row[2], day, since: row[9] });
  }
  const r = await client.query<{ hallId: string; eventId: string; seq: number }>(
    `with ins as (
       insert into "Event" ("hallId", "eventId", "type", "tsMs", "windowId", "ticketId", "deviceId", "deviceSeq", "receivedMs", "payload")
       select h, e, t, ts, w, tk, d, ds, rc, p from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::text[])
         with ordinality as x(h, e, t, ts, w, tk, d, ds, rc, p, n)
       order by n
       on conflict ("hallId", "eventId") do nothing
       returning "hallId", "eventId", seq),
     days as (
       select m.h, m.d, min(m.s) as s from unnest($11::text[], $12::text[], $13::text[], $14::bigint[]) as m(h, e, d, s)
       where exists (select 1 from ins where ins."hallId" = m.h and ins."eventId" = m.e)
       group by m.h, m.d),
     marked as (
       insert into "RollupDay" ("hallId", day, "dirtySince", "dirtyGen") select h, d, s, 1 from days
       on conflict ("hallId", day) do update set "dirtySince" = coalesce("RollupDay"."dirtySince", excluded."dirtySince"), "dirtyGen" = "RollupDay"."dirtyGen" + 1
       returning 1),
     notified as (select pg_notify($15, max(seq)::text) from ins having count(*) > 0)
     select "hallId", "eventId", seq, (select count(*) from notified) as notified from ins`,
    [
      col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8), col(9), col(10),
      marks.map((m) => m.hallId), marks.map((m) => m.eventId), marks.map((m) => m.day), marks.map((m) => m.since),
      LOG_CHANNEL,
    ],
  );
  return r.rows;
}

/** Inside an open transaction (holding the commit-order lock when there are events): the rows of every group, answered per group in order. */
async function writeGroups(client: pg.PoolClient, groups: WriteRow[][]): Promise<{ perGroup: AppendOutcome[][]; seqs: number[] }> {
  const events: EventRow[] = [];
  const quarantine: QuarantineRow[] = [];
  const followUps: FollowUpCaseRow[] = [];
  for (const rows of groups)
    for (const row of rows) {
      if (row[0] === "e") events.push(row);
      else if (row[0] === "q") quarantine.push(row);
      else followUps.push(row);
    }
  const seqs: number[] = [];
  /** hallId\0eventId → still unclaimed inserted rows (the first copy in order is the accepted one). */
  const inserted = new Set<string>();
  if (events.length > 0) {
    for (const row of await insertMarkNotify(client, events)) {
      inserted.add(`${row.hallId}\u0000${row.eventId}`);
      seqs.push(Number(row.seq));
    }
  }
  const accepted = new Set<string>();
  for (const row of events) {
    const key = `${row[1]}\u0000${row[2]}`;
    if (inserted.delete(key)) accepted.add(key);
  }
  if (quarantine.length > 0) {
    const col = (i: number) => quarantine.map((r) => r[i] ?? null);
    await client.query(
      `insert into "Quarantine" ("hallId", source, "eventId", field, error, payload, "receivedMs")
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])`,
      [col(1), col(2), col(3), col(4), col(5), col(6), col(7)],
    );
  }
  const openedCases = new Set<string>();
  for (const f of followUps) {
    const r = await client.query(
      `insert into "FollowUpCase" ("hallId", "evaluationEventId", "ticketId", "ticketNo", "windowId", "itemCode", rating, "evaluatedAt", deadline, provisional, state, history, "updatedAt")
       values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz at time zone 'UTC', $9, $10::int <> 0, 'open', $11, $12::timestamptz at time zone 'UTC')
       on conflict ("hallId", "evaluationEventId") do nothing`,
      f.slice(1),
    );
    if ((r.rowCount ?? 0) === 1) openedCases.add(`${f[1]}\u0000${f[2]}`);
  }
  const perGroup = groups.map((rows) =>
    rows.map((row): AppendOutcome => {
      if (row[0] === "q") return "stored";
      if (row[0] === "f") return openedCases.delete(`${row[1]}\u0000${row[2]}`) ? "accepted" : "duplicate";
      return accepted.delete(`${row[1]}\u0000${row[2]}`) ? "accepted" : "duplicate";
    }),
  );
  return { perGroup, seqs };
}
