// Database lookups of things a node's cache does not know (a cluster's tokens and halls made on another
// node, issue #11), bounded: one lookup per key at a time — requests for the same key share it — and at
// most `max` at once, beyond which a miss is answered as unknown, so that a flood of random keys costs a
// few queries, not one each.
export class CappedLookups<V> {
  private readonly pending = new Map<string, Promise<V | null>>();

  constructor(private readonly max: number) {}

  /** The lookup of `key` already running, else a new one, else null when `max` are running already. */
  run(key: string, lookUp: () => Promise<V | null>): Promise<V | null> {
    const running = this.pending.get(key);
    if (running) return running;
    if (this.pending.size >= this.max) return Promise.resolve(null);
    const lookup = lookUp().finally(() => this.pending.delete(key));
    this.pending.set(key, lookup);
    return lookup;
  }
}
