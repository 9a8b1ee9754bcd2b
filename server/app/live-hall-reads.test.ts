// LiveHallReads: a read already running is shared, a held hall is not read again, and at start at most
// four halls are read at once, in the directory's order.
import { describe, expect, it } from "vitest";
import { LiveHallReads } from "./live-hall-reads.js";

/** A read per hall that ends when the test says so. */
function gatedReads() {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const held = new Set<string>();
  const read = (hallId: string) =>
    new Promise<void>((resolve) => {
      started.push(hallId);
      gates.set(hallId, () => {
        held.add(hallId);
        resolve();
      });
    });
  return { started, held, open: (hallId: string) => gates.get(hallId)?.(), read };
}

const turn = () => new Promise((r) => setImmediate(r));

describe("LiveHallReads", () => {
  it("shares a read already running and reads a held hall no more", async () => {
    const g = gatedReads();
    const reads = new LiveHallReads({ ids: () => ["a"], held: (h) => g.held.has(h), read: g.read });
    const first = reads.read("a");
    const second = reads.read("a");
    reads.changed("a");
    expect(g.started).toEqual(["a"]);
    g.open("a");
    await Promise.all([first, second]);
    await reads.read("a");
    reads.changed("a");
    expect(g.started).toEqual(["a"]);
    reads.stop();
  });

  it("reads every hall at start, at most four at once, in order", async () => {
    const g = gatedReads();
    const ids = ["h1", "h2", "h3", "h4", "h5", "h6"];
    const reads = new LiveHallReads({ ids: () => ids, held: (h) => g.held.has(h), read: g.read });
    const all = reads.all();
    await turn();
    expect(g.started).toEqual(["h1", "h2", "h3", "h4"]);
    g.open("h2");
    await turn();
    expect(g.started).toEqual(["h1", "h2", "h3", "h4", "h5"]);
    for (const h of ids) g.open(h);
    await turn();
    for (const h of ids) g.open(h);
    await all;
    expect(g.started).toEqual(ids);
    reads.stop();
  });
});
