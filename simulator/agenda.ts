// The simulator's event calendar: a binary min-heap of timed actions, ties run in scheduling order.

interface Entry {
  t: number;
  seq: number;
  run: () => void;
}

export class Agenda {
  private readonly heap: Entry[] = [];
  private seq = 0;
  /** Time of the action being run (ms since local midnight in the generator). */
  now = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Runs `run` at time `t` (never before the current time). */
  at(t: number, run: () => void): void {
    const entry: Entry = { t: Math.max(t, this.now), seq: this.seq++, run };
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, h[parent] as Entry)) break;
      h[i] = h[parent] as Entry;
      i = parent;
    }
    h[i] = entry;
  }

  /** Runs every action in time order, including those scheduled while running. */
  run(): void {
    for (let e = this.pop(); e; e = this.pop()) {
      this.now = e.t;
      e.run();
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && before(h[r] as Entry, h[l] as Entry) ? r : l;
      if (!before(h[child] as Entry, last)) break;
      h[i] = h[child] as Entry;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
