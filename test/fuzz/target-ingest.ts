// The "ingest" target: a device's socket.io /ingest connection, sending single events ("event") and
// batches ("events"), and now and then a payload that is not a list or is too long.
import { eventInput } from "./arb-events.js";
import { context, type FuzzSession } from "./fuzz-session.js";
import { batches, inChunks } from "./input-flow.js";
import type { Counts, FuzzFailure } from "./report-types.js";
import { connect, emitAck } from "./socket-client.js";
import type { Tagged } from "./tagged.js";
import { ackProblem, judgeEvent, preview, record, wire, type Result } from "./verdicts.js";

const SOCKET_BUDGET = 150_000; // bytes per socket message (the payload limit is someone else's fuzz)

export async function fuzzIngestSocket(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  const socket = await connect(s.server.url, "/ingest", { token: s.deviceToken });
  const accepted = new Set<string>();
  try {
    await inChunks(n, seed, "ingest", () => eventInput(context("in-", 3000), { hugeMax: 20_000 }), async (items, offset) => {
      let index = offset;
      let k = 0;
      for (const batch of batches(items, [1, 60, 1, 100, 1, 25, 1, 5], SOCKET_BUDGET)) {
        k++;
        if (batch.length === 1 && k % 2 === 1) {
          const t = batch[0] as Tagged;
          const ack = await emitAck(socket, "event", t.value);
          const p = ackProblem(ack);
          if (p || !(ack as { ok: boolean }).ok) {
            counts.inputs++;
            record(failures, "ingest", index++, p ?? `"event" answered ok:false: ${preview(ack)}`, t, counts);
            continue;
          }
          record(failures, "ingest", index++, judgeEvent(t, wire(t.value), (ack as { data: Result }).data, accepted, counts, "in-"), t, counts);
          continue;
        }
        const ack = await emitAck(socket, "events", batch.map((t) => t.value));
        const p = ackProblem(ack);
        const results = (ack as { data?: { results?: Result[] } }).data?.results;
        if (p || !Array.isArray(results) || results.length !== batch.length) {
          counts.inputs += batch.length;
          for (const t of batch) record(failures, "ingest", index++, p ?? `"events" answered ${preview(ack)}`, t, counts);
          continue;
        }
        batch.forEach((t, i) => record(failures, "ingest", index++, judgeEvent(t, wire(t.value), results[i], accepted, counts, "in-"), t, counts));
        // not an array / too many: refused naming "events"
        if (k % 50 === 0) {
          const bad = k % 100 === 0 ? { events: batch.map((t) => t.value) } : Array.from({ length: 501 }, (_, i) => ({ id: `x${i}` }));
          const a = (await emitAck(socket, "events", bad)) as { ok?: boolean; error?: { field?: string } };
          counts.inputs++;
          if (a.ok === false && a.error?.field === "events") counts.rejected++;
          else record(failures, "ingest", -1, `a bad "events" payload was answered ${preview(a)}`, { value: "bad events", expect: "any", how: "bad events" }, counts);
        }
      }
    });
  } finally {
    socket.disconnect();
  }
}
