// Runs a task per key so that calls arriving while it runs share one more run after it, however many
// there are. A call always gets a run that starts after it (so it sees its own change), but a burst of
// calls costs two runs, not one each: a cluster's nodes re-counted a hall's overdue 好差评 cases once per
// notice — one per batch of poor ratings ingested on another node — reading every case each time
// (issue #11's profile: a quarter of a following node's busy time at 1,000 events/s). The log follower's
// reads run the same way: a notice during a read asks for one more read after it.
export class TrailingRuns {
  private readonly slots = new Map<string, { done: Promise<void>; next: Promise<void> | null }>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const slot = this.slots.get(key);
    if (slot)
      return (slot.next ??= slot.done.then(() => {
        slot.next = null;
        return this.begin(key, slot, task);
      }));
    const fresh = { done: Promise.resolve(), next: null };
    this.slots.set(key, fresh);
    return this.begin(key, fresh, task);
  }

  /** Whether a run of `key` is running or waiting. */
  busy(key: string): boolean {
    return this.slots.has(key);
  }

  /** Resolves once no run of `key` is running or waiting (whatever their outcome). */
  async idle(key: string): Promise<void> {
    for (let slot = this.slots.get(key); slot; slot = this.slots.get(key)) await (slot.next ?? slot.done).catch(() => undefined);
  }

  private begin(key: string, slot: { done: Promise<void>; next: Promise<void> | null }, task: () => Promise<void>): Promise<void> {
    const running = task();
    const settled = () => {
      if (slot.next === null) this.slots.delete(key);
    };
    slot.done = running.then(settled, settled);
    return running;
  }
}
