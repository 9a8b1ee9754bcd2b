// Message rates on /ingest against the real server process (abuse-limits-fixture.ts, issue #7): a socket
// flooding tiny messages is refused (`rate_limited`) and then disconnected while another device's acks keep
// their latency and a display keeps receiving; and a queue gateway replaying a backlog as fast as it can,
// over HTTP and /ingest, is never refused.
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import type { Ack, HallEvent, IngestResult } from "../../contract/index.js";
import { connectDisplay } from "../helpers/display-client.js";
import { testHall } from "../helpers/hall-fixture.js";
import { admin, displays, healthy, type IngestSocket, issued, openIngest, sendMany, sendOne, server, setUpAbuseServer, sleep } from "./abuse-limits-fixture.js";

const waitFor = async (predicate: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/** Runs `jobs` with at most `limit` in flight. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await (jobs[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

setUpAbuseServer();

describe("with the default limits", () => {
  it("throttles, then disconnects, a socket flooding tiny messages; another device's acks and a display are unaffected", async () => {
    const hallId = "flood";
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const victimToken = (await admin.createToken({ role: "device", hallId })).body.token;
    const flooderToken = (await admin.createToken({ role: "device", hallId })).body.token;
    const displayToken = (await admin.createToken({ role: "display", hallId })).body.token;
    const victim = await openIngest(server.url, { token: victimToken });
    const flooder = await openIngest(server.url, { token: flooderToken });
    const display = await connectDisplay({ url: server.url, token: displayToken, hallId });
    displays.push(display);

    let n = 0;
    const timedSend = async () => {
      n += 1;
      const started = performance.now();
      const ack = await sendOne(victim, issued(hallId, `v${n}`, Date.now() - 30 * 60_000 + n));
      expect(ack).toEqual({ ok: true, data: { id: `v${n}`, status: "accepted" } });
      return performance.now() - started;
    };
    // Baseline: the victim's latency with nobody flooding (after a short warm-up).
    for (let i = 0; i < 5; i++) await timedSend();
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) {
      baseline.push(await timedSend());
      await sleep(15);
    }

    // The flood: 30,000 tiny `event` emits with acks, as fast as the client can write them.
    const FLOOD = 30_000;
    const refusals: Ack<IngestResult>[] = [];
    let otherAcks = 0;
    let flooderReason: string | null = null;
    let emitted = 0;
    flooder.once("disconnect", (reason) => (flooderReason = reason));
    const updatesBefore = display.updates.length;
    const floodStarted = performance.now();
    const flooding = (async () => {
      for (let i = 0; i < FLOOD && flooder.connected; i += 500) {
        emitted += 500;
        for (let k = i; k < i + 500; k++)
          flooder.emit("event", { n: k }, (ack: Ack<IngestResult>) => {
            if (!ack.ok && ack.error.code === "rate_limited") refusals.push(ack);
            else otherAcks += 1;
          });
        await new Promise((r) => setImmediate(r));
      }
    })();
    // Meanwhile the victim goes on at its pace, as long as the flood lasts (at least 10 samples).
    let floodOver = false;
    void flooding.then(() => (floodOver = true));
    const underFlood: number[] = [];
    while (!floodOver || underFlood.length < 10) {
      underFlood.push(await timedSend());
      await sleep(15);
    }
    await flooding;
    await waitFor(() => flooderReason !== null, 15_000, "the flooder to be disconnected");
    const floodMs = performance.now() - floodStarted;

    expect(flooderReason).toBe("io server disconnect");
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]?.ok === false && refusals[0].error.retryAfterMs).toBeGreaterThan(0);
    // The budget held: at most 1,000 handled per (1 s) window while the flood lasted, and most of it was never handled.
    expect(otherAcks).toBeLessThanOrEqual(1000 * (Math.ceil(floodMs / 1000) + 1));
    expect(otherAcks + refusals.length).toBeLessThan(FLOOD);

    const p50Base = median(baseline);
    const p50Flood = median(underFlood);
    console.log(`victim ack p50: ${p50Base.toFixed(1)} ms before, ${p50Flood.toFixed(1)} ms under the flood (${emitted} sent, ${refusals.length} refused, ${otherAcks} handled, disconnected after ${floodMs.toFixed(0)} ms)`);
    expect(p50Flood).toBeLessThanOrEqual(5 * p50Base + 50);

    // The display stayed connected and received the victim's events as updates.
    expect(display.connected).toBe(true);
    await display.waitFor((c) => c.updates.length > updatesBefore && (c.view?.categories.find((x) => x.categoryId === "social")?.waitingNow ?? 0) >= n, 10_000, "the victim's events on the wall");
    expect(victim.connected).toBe(true);
    await healthy(server);
  });

  it("never refuses one device replaying 20,000 events as fast as it can (HTTP and /ingest, batches of 500, several in flight)", async () => {
    const hallId = "replay";
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const deviceToken = (await admin.createToken({ role: "device", hallId })).body.token;
    const device = admin.as(deviceToken);
    const dayStart = Date.now() - 10 * 3_600_000;
    const events = Array.from({ length: 20_000 }, (_, i) => issued(hallId, `r${i}`, dayStart + i * 1500, i % 3 === 0 ? "estate" : "social"));
    const batches: HallEvent[][] = [];
    for (let i = 0; i < events.length; i += 500) batches.push(events.slice(i, i + 500));
    const overHttp = batches.filter((_, i) => i % 2 === 0);
    const overSocket = batches.filter((_, i) => i % 2 === 1);

    const gateways = await Promise.all([openIngest(server.url, { token: deviceToken }), openIngest(server.url, { token: deviceToken })]);
    const started = performance.now();
    const [http, socket] = await Promise.all([
      pool(overHttp.map((b) => () => device.postEvents(hallId, b)), 4),
      pool(overSocket.map((b, i) => () => sendMany(gateways[i % 2] as IngestSocket, b)), 8),
    ]);
    const ms = performance.now() - started;
    console.log(`replayed ${events.length} events in ${ms.toFixed(0)} ms (${Math.round((events.length / ms) * 1000)} events/s)`);

    expect(http.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(socket.filter((a) => !a.ok)).toEqual([]);
    const statuses = [...http.flatMap((r) => r.body.results), ...socket.flatMap((a) => (a.ok ? a.data.results : []))].map((r) => r.status);
    expect(statuses).toHaveLength(events.length);
    expect(statuses.filter((s) => s !== "accepted")).toEqual([]);
    expect(gateways.every((s) => s.connected)).toBe(true);
    await healthy(server);
  });
});
