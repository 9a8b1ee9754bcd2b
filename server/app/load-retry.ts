// How long a node waits before reading a hall's state from the log again after a failed read (a database
// hiccup, a node catching up in a cluster): 5 s, then 10, 20 … at most a minute, until the hall is held.
// Until then the hall's live state or consistency facts hold only what was folded since, and its figures
// differ from the database's (issue #11: a node that falls behind catches up from the log). Used by
// LiveHalls and ConsistencyService alike.
export const LOAD_RETRY_MS = 5000;
export const LOAD_RETRY_MAX_MS = 60_000;

/** The wait after one that did not help. */
export const nextLoadRetryMs = (waitMs: number): number => Math.min(2 * waitMs, LOAD_RETRY_MAX_MS);

/** The pending retries of the halls whose read failed: at most one per hall, each wait twice the last. */
export class LoadRetries {
  private readonly halls = new Map<string, { waitMs: number; timer: NodeJS.Timeout | null }>();
  private stopped = false;

  constructor(private readonly firstWaitMs = LOAD_RETRY_MS) {}

  /** Whether a retry of the hall is waiting to run. */
  pending(hallId: string): boolean {
    return this.halls.get(hallId)?.timer != null;
  }

  /**
   * The hall's read failed: `attempt` it again after the hall's next wait, unless one is pending already or
   * the hall is `held()` by then. A failing attempt calls `failed` again itself.
   */
  failed(hallId: string, attempt: () => void, held: () => boolean): void {
    if (this.stopped) return;
    const r = this.halls.get(hallId) ?? { waitMs: this.firstWaitMs, timer: null };
    if (r.timer) return;
    r.timer = setTimeout(() => {
      r.timer = null;
      r.waitMs = nextLoadRetryMs(r.waitMs);
      if (!this.stopped && !held()) attempt();
    }, r.waitMs);
    r.timer.unref();
    this.halls.set(hallId, r);
  }

  /** The hall is held: a later failure starts from the first wait again. */
  held(hallId: string): void {
    const r = this.halls.get(hallId);
    if (r?.timer) clearTimeout(r.timer);
    this.halls.delete(hallId);
  }

  stop(): void {
    this.stopped = true;
    for (const r of this.halls.values()) if (r.timer) clearTimeout(r.timer);
    this.halls.clear();
  }
}
