// Group commit for the event log (SQLite and PostgreSQL alike): appends wait a few milliseconds to share
// one transaction; each caller's promise resolves only after its group committed. The storage supplies
// `commit`, which runs one transaction for all the groups and answers per group, in order.
import type { AppendOutcome } from "../app/ports.js";

export class StorageError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

export interface GroupCommitOptions {
  /** How long the first append of a group waits for company. */
  batchDelayMs?: number;
  /** A group commits at once when it holds this many items. */
  maxBatchItems?: number;
}

interface Pending<Row> {
  rows: Row[];
  resolve(outcomes: AppendOutcome[]): void;
  reject(err: unknown): void;
}

export class GroupCommit<Row> {
  private queue: Pending<Row>[] = [];
  private queuedItems = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly batchDelayMs: number;
  private readonly maxBatchItems: number;

  constructor(
    /** Commits every group in one transaction; may answer synchronously (SQLite inline) or later. */
    private readonly commit: (groups: Row[][]) => AppendOutcome[][] | Promise<AppendOutcome[][]>,
    opts: GroupCommitOptions = {},
  ) {
    this.batchDelayMs = opts.batchDelayMs ?? 2;
    this.maxBatchItems = opts.maxBatchItems ?? 2000;
  }

  enqueue(rows: Row[]): Promise<AppendOutcome[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.queuedItems += rows.length;
      this.flushSoon(this.queuedItems >= this.maxBatchItems ? 0 : this.batchDelayMs);
    });
  }

  /** Commits whatever is queued now and waits for every commit in flight (used on shutdown). */
  async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves once every commit in flight now has been answered (its callers resumed); queued rows are not waited for. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, delayMs);
  }

  private flush(): void {
    const groups = this.queue;
    this.queue = [];
    this.queuedItems = 0;
    if (groups.length === 0) return;
    const failed = (err: unknown) => {
      const e = err instanceof StorageError ? err : new StorageError(`the event log could not commit: ${(err as Error).message}`, err);
      for (const g of groups) g.reject(e);
    };
    const committed = (outcomes: AppendOutcome[][]) => groups.forEach((g, i) => g.resolve(outcomes[i] as AppendOutcome[]));
    let result: AppendOutcome[][] | Promise<AppendOutcome[][]>;
    try {
      result = this.commit(groups.map((g) => g.rows));
    } catch (err) {
      failed(err);
      return;
    }
    if (!(result instanceof Promise)) return committed(result);
    const done = result.then(committed, failed);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}
