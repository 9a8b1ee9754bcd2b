// The Monte Carlo's windows ordered by when each is next free (the lowest index among equals): a binary
// heap over window indexes, keyed by the caller's `freeAt`. The simulation asks for the earliest window
// at every call; scanning every window for it was two thirds of a province node's floor worker (issue
// #11: sixty halls' estimates every 5 s). Only the top's key ever changes, and only later, so a top that
// moved sinks (`topLater`); a top with nothing left to call is removed.

export class FreeOrder {
  private readonly heap: Int32Array;
  size = 0;

  constructor(private readonly freeAt: Float64Array) {
    this.heap = new Int32Array(freeAt.length);
  }

  /** Every window, ordered by the current `freeAt`. */
  reset(): void {
    this.size = this.freeAt.length;
    for (let i = 0; i < this.size; i++) this.heap[i] = i;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  /** The earliest window (call only when size > 0). */
  top(): number {
    return this.heap[0] as number;
  }

  removeTop(): void {
    this.size -= 1;
    this.heap[0] = this.heap[this.size] as number;
    this.sink(0);
  }

  /** The top's `freeAt` was raised (never lowered): it takes its place again. */
  topLater(): void {
    this.sink(0);
  }

  private before(a: number, b: number): boolean {
    const fa = this.freeAt[a] as number;
    const fb = this.freeAt[b] as number;
    return fa < fb || (fa === fb && a < b);
  }

  private sink(from: number): void {
    const heap = this.heap;
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.before(heap[right] as number, heap[left] as number) ? right : left;
      if (!this.before(heap[child] as number, heap[i] as number)) return;
      const swap = heap[i] as number;
      heap[i] = heap[child] as number;
      heap[child] = swap;
      i = child;
    }
  }
}
