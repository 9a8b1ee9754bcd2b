// What the server stores through, chosen by DATABASE_URL (issue #11): the embedded SQLite file (file:…,
// the default) or a PostgreSQL database shared by several nodes (postgresql://…). Both give the same
// ports; only PostgreSQL has a follower, which folds what other nodes commit into this node's live state.
import type { PrismaClient } from "./generated/prisma/client.js";
import type { RollupReader } from "./app/history-query.js";
import type { HallDirectory } from "./app/hall-directory.js";
import type { AppendOutcome, ArrivalHistoryReader, Clock, EstimateStore, EventLog, ReceivedEventReader } from "./app/ports.js";
import type { IssueEstimate } from "./domain/wait-estimate/calibration.js";
import type { RollupRunner } from "./adapters/rollup/rollup-runner.js";
import type { LiveDaySource } from "./adapters/rollup/computed-day.js";
import type { WriteRow } from "./adapters/sqlite/log-writer.js";
import type { FollowedEvents } from "./adapters/postgres/log-follower.js";
import type { ClusterNotices } from "./app/cluster-sync.js";

export interface StoredEventLog extends EventLog {
  /** Rows other than events (follow-up cases) committed in the log's transaction groups. */
  write(rows: WriteRow[]): Promise<AppendOutcome[]>;
  /** Resolves once every commit in flight now has been answered (what it committed is folded by then). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface EstimateRecorder extends EstimateStore {
  /** Queues estimates given at issue; never throws (called from the live floor's refresh). */
  record(hallId: string, estimates: readonly IssueEstimate[]): void;
  /** Writes what is queued (shutdown). */
  flushNow(): void | Promise<void>;
}

export interface LogFollowing {
  /** The highest committed seq: read before the live state loads, so that nothing falls between. */
  headSeq(): Promise<number>;
  start(fromSeq: number, onEvents: (batch: FollowedEvents) => void): Promise<void>;
  /** Reads until nothing is new: every event committed before the call has been handed over when it resolves. */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface Storage {
  kind: "sqlite" | "postgres";
  /** The file, or the URL without its password: for logs. */
  where: string;
  prisma: PrismaClient;
  log: StoredEventLog;
  bootEpoch: number;
  estimates: EstimateRecorder;
  arrivals: ArrivalHistoryReader;
  rollups: RollupReader;
  receivedEvents: ReceivedEventReader;
  /** Keeps history rollups current in the background (its worker reads this storage). */
  rollupService(deps: RollupServiceDeps): RollupRunner;
  /** PostgreSQL only: other nodes' commits. */
  follower: LogFollowing | null;
  /** PostgreSQL only: changes other nodes announce, and the lock of the node that runs background writers. */
  cluster: { notices: ClusterNotices; leader: { isLeader(): boolean; onChange(listener: (leader: boolean) => void): void } } | null;
  close(): Promise<void>;
}

export interface RollupServiceDeps {
  directory: HallDirectory;
  clock: Clock;
  onError(message: string): void;
  /** How often today's rollups are recomputed while events come in (ROLLUP_TODAY_MS; default 30 s). */
  todayEveryMs?: number;
  /** How long a past day marked again soon after its recompute waits (ROLLUP_PAST_MS; default 5 s). */
  pastEveryMs?: number;
  /** Where today is computed on the live facts instead of from the log (the floor worker). */
  liveDays?: LiveDaySource;
}
