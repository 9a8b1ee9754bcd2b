// How long a node waits before reading a hall's state from the log again after a failed read (a database
// hiccup, a node catching up in a cluster): 5 s, then 10, 20 … at most a minute, until the hall is held.
// Until then the hall's live state or consistency facts hold only what was folded since, and its figures
// differ from the database's (issue #11: a node that falls behind catches up from the log).
export const LOAD_RETRY_MS = 5000;
export const LOAD_RETRY_MAX_MS = 60_000;

/** The wait after one that did not help. */
export const nextLoadRetryMs = (waitMs: number): number => Math.min(2 * waitMs, LOAD_RETRY_MAX_MS);
