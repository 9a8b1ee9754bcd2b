// Flushes due together run one hall per turn of the event loop, so that what arrived meanwhile (an
// ack's database answer, a display's packet) is served between two halls, not after all of them.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { FlushTurns } from "./flush-turns.js";

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("FlushTurns", () => {
  it("runs each queued hall once, in the order they fell due, however often each was queued", async () => {
    const ran: string[] = [];
    const turns = new FlushTurns((h) => void ran.push(h));
    turns.add("b");
    turns.add("a");
    turns.add("b");
    expect(turns.has("a") && turns.has("b")).toBe(true);
    expect(ran).toEqual([]);
    for (let i = 0; i < 4; i++) await turn();
    expect(ran).toEqual(["b", "a"]);
    expect(turns.has("a") || turns.has("b")).toBe(false);
  });

  it("lets the event loop go round between two halls: work scheduled by the first runs before the second", async () => {
    const order: string[] = [];
    const turns = new FlushTurns((h) => {
      order.push(`flush ${h}`);
      if (h === "a") setImmediate(() => order.push("scheduled by a"));
    });
    turns.add("a");
    turns.add("b");
    while (turns.has("b")) await turn();
    await turn();
    expect(order).toEqual(["flush a", "scheduled by a", "flush b"]);
  });

  it("serves I/O completed meanwhile between halls, not after all of them", async () => {
    const order: string[] = [];
    let read: Promise<void> | null = null;
    const busyUntil = (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end);
    };
    const turns = new FlushTurns((h) => {
      order.push(h);
      // The first hall starts a read; each flush holds the thread 15 ms, long enough for the read to finish.
      if (h === "h0") read = readFile(import.meta.filename).then(() => void order.push("read done"));
      busyUntil(15);
    });
    for (let i = 0; i < 8; i++) turns.add(`h${i}`);
    while (turns.has("h7")) await turn();
    await read;
    const at = order.indexOf("read done");
    expect(at).toBeGreaterThan(0);
    // With the eight flushes run back to back the read would be served only after h7.
    expect(at).toBeLessThan(order.length - 1);
  });

  it("runs nothing after stop, and a flush that throws does not stop the others", async () => {
    const ran: string[] = [];
    const turns = new FlushTurns((h) => {
      ran.push(h);
      if (h === "bad") throw new Error("boom");
    });
    const errors: unknown[] = [];
    const onError = (err: unknown) => void errors.push(err);
    process.on("uncaughtException", onError);
    try {
      turns.add("bad");
      turns.add("good");
      for (let i = 0; i < 4; i++) await turn();
    } finally {
      process.off("uncaughtException", onError);
    }
    expect(ran).toEqual(["bad", "good"]);
    turns.add("late");
    turns.stop();
    for (let i = 0; i < 3; i++) await turn();
    expect(ran).toEqual(["bad", "good"]);
  });
});
