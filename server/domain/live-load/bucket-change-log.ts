// Which buckets of a BucketedSums changed since a version a reader noted: any number of readers that keep
// sums of their own (the live view's kept day sums, today's series) ask at their own pace, and a read costs
// the changes since it, not the buckets held.

export class BucketChangeLog {
  /** Bumped at every change. */
  private changes = 0;
  /** Each bucket's latest change, kept after the bucket emptied (until clear). */
  private readonly changedAt = new Map<number, number>();
  /**
   * The changes in order: the bucket and the version of each. A reader walks it back from the newest to
   * its own version. When it grows past twice the buckets noted it is rewritten to each bucket's latest
   * change alone — still exact for any version.
   */
  private logBuckets: number[] = [];
  private logVersions: number[] = [];
  private clearedAt = 0;

  get version(): number {
    return this.changes;
  }

  /** Notes a change of bucket `i`. */
  note(i: number): void {
    const v = ++this.changes;
    this.changedAt.set(i, v);
    this.logBuckets.push(i);
    this.logVersions.push(v);
    if (this.logBuckets.length > 2 * this.changedAt.size + 64) this.compact();
  }

  /** Every bucket changed at once (the sums were emptied). */
  clear(): void {
    this.changedAt.clear();
    this.logBuckets = [];
    this.logVersions = [];
    this.clearedAt = ++this.changes;
  }

  clearedSince(version: number): boolean {
    return this.clearedAt > version;
  }

  /** Whether a bucket in [first, last] changed after `version` (or everything did). */
  changedSince(version: number, first: number, last: number): boolean {
    if (this.clearedSince(version)) return true;
    let hit = false;
    this.walkSince(version, (i) => {
      hit = i >= first && i <= last;
      return !hit;
    });
    return hit;
  }

  /**
   * Calls `each` once for every bucket changed after `version`, the latest change first. Returns false
   * without calling it when everything changed since (a clear).
   */
  changesSince(version: number, each: (bucket: number) => void): boolean {
    if (this.clearedSince(version)) return false;
    this.walkSince(version, (i) => {
      each(i);
      return true;
    });
    return true;
  }

  /** Visits each bucket changed after `version` once, at its latest change, newest first, until `go` says stop. */
  private walkSince(version: number, go: (bucket: number) => boolean): void {
    for (let k = this.logVersions.length - 1; k >= 0; k--) {
      const v = this.logVersions[k] as number;
      if (v <= version) return;
      const i = this.logBuckets[k] as number;
      if (this.changedAt.get(i) === v && !go(i)) return;
    }
  }

  /** Keeps each bucket's latest change only, in order: a walk from any version visits the same buckets. */
  private compact(): void {
    const latest = [...this.changedAt].sort((a, b) => a[1] - b[1]);
    this.logBuckets = latest.map(([i]) => i);
    this.logVersions = latest.map(([, v]) => v);
  }
}
