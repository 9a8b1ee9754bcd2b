// The "events" target: HTTP POST /api/halls/:hallId/events with generated batches of 1–200 events, and
// now and then a body no generator makes (broken JSON, huge numbers, deep nesting, raw __proto__).
import { Api } from "../helpers/api.js";
import { eventInput } from "./arb-events.js";
import { context, FUZZ_HALL, type FuzzSession } from "./fuzz-session.js";
import { batches, inChunks } from "./input-flow.js";
import type { Counts, FuzzFailure } from "./report-types.js";
import type { Tagged } from "./tagged.js";
import { judgeEvent, preview, record, wire, type Result } from "./verdicts.js";

/** Bodies no JSON.stringify makes: broken JSON, huge numbers, very deep nesting, raw __proto__. */
const SPECIAL_BODIES: { body: string; how: string; status: number }[] = [
  { body: "[{", how: "truncated JSON", status: 400 },
  { body: "", how: "empty body", status: 400 },
  { body: "{}", how: "an object, not an array", status: 400 },
  { body: '"events"', how: "a string", status: 400 },
  { body: "null", how: "null", status: 400 },
  { body: `[${'{"id":"x"},'.repeat(500)}{"id":"y"}]`, how: "501 events", status: 400 },
  { body: '[{"id":"big-1","type":"evaluation.submitted","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","ticketId":"t-1","windowId":"w1","rating":1e400}]', how: "1e400", status: 200 },
  { body: '[{"id":"nan-1","type":"evaluation.submitted","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","ticketId":"t-1","windowId":"w1","rating":NaN}]', how: "NaN literal", status: 400 },
  { body: '[{"__proto__":{"polluted":true},"id":"proto-1","type":"window.closed","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1"}]', how: "raw __proto__", status: 200 },
  { body: '[{"constructor":{"prototype":{"polluted":true}},"id":"proto-2","type":"window.closed","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1"}]', how: "raw constructor.prototype", status: 200 },
  { body: `[${"[".repeat(5000)}${"]".repeat(5000)}]`, how: "5000-deep array", status: 200 },
  { body: `[{"id":"deep-1","x":${'{"a":'.repeat(3000)}1${"}".repeat(3000)}}]`, how: "3000-deep object", status: 200 },
  { body: '[{"id":"dup-key","id":"13912345678","type":"window.closed","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1"}]', how: "duplicate key with a phone number", status: 200 },
  { body: '[{"id":"esc-1","type":"window.paused","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1","reason":"\\u0031\\u0033\\u0039\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038"}]', how: "phone number as \\u escapes", status: 200 },
  { body: "\uFEFF[]", how: "BOM before JSON", status: 0 },
];

export async function fuzzHttpEvents(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  const api = new Api(s.server.url, s.deviceToken);
  const accepted = new Set<string>();
  let special = 0;
  await inChunks(
    n,
    seed,
    "events",
    () => eventInput(context("ev-", 3000), { hugeMax: 40_000 }),
    async (items, offset) => {
      let index = offset;
      for (const batch of batches(items, [1, 7, 50, 200, 3, 120], 900_000)) {
        const sent = batch.map((t) => wire(t.value));
        const res = await api.request<{ results?: Result[]; error?: { field?: unknown } }>("POST", `/api/halls/${FUZZ_HALL}/events`, JSON.stringify(batch.map((t) => t.value)));
        if (res.status !== 200 || !Array.isArray(res.body.results) || res.body.results.length !== batch.length) {
          for (const t of batch) record(failures, "events", index++, `HTTP ${res.status}: ${preview(res.body)}`, t, counts);
          counts.inputs += batch.length;
          continue;
        }
        batch.forEach((t, i) => record(failures, "events", index++, judgeEvent(t, sent[i], res.body.results?.[i], accepted, counts, "ev-"), t, counts));
        // now and then a body no generator makes
        if (index % 40 < batch.length) {
          const sp = SPECIAL_BODIES[special++ % SPECIAL_BODIES.length] as (typeof SPECIAL_BODIES)[number];
          const r = await api.request<{ results?: Result[]; error?: { code?: unknown; field?: unknown } }>("POST", `/api/halls/${FUZZ_HALL}/events`, sp.body);
          counts.inputs++;
          const t: Tagged = { value: sp.body.slice(0, 200), expect: "any", how: sp.how };
          if (r.status === 200) {
            const results = r.body.results ?? [];
            if (results.some((x) => x.status === "accepted")) counts.accepted++;
            else if (results.some((x) => x.status === "duplicate")) counts.duplicate++;
            else counts.rejected++;
            if (sp.how === "duplicate key with a phone number" && results[0]?.status !== "rejected") record(failures, "events", -1, `a phone number (last of two "id" keys) was not refused: ${preview(results[0])}`, t, counts);
            if (sp.how === "phone number as \\u escapes" && results[0]?.status !== "rejected") record(failures, "events", -1, `a phone number written as \\u escapes was not refused: ${preview(results[0])}`, t, counts);
            for (const x of results) if (x.status === "rejected" && (typeof x.field !== "string" || !String(x.error).startsWith(`${x.field}: `))) record(failures, "events", -1, `rejected without a field: ${preview(x)}`, t, counts);
          } else if (r.status >= 400 && r.status < 500 && typeof r.body.error?.field === "string") counts.rejected++;
          else record(failures, "events", -1, `HTTP ${r.status}: ${preview(r.body)}`, t, counts);
          if (sp.status !== 0 && r.status !== sp.status) record(failures, "events", -1, `expected HTTP ${sp.status}, got ${r.status}: ${preview(r.body)}`, t, counts, false);
        }
      }
    },
    1000,
  );
}
