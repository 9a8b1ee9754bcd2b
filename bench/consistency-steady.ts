// What one evaluation of the event rules costs on a busy hall at steady state (issue #8): the consistency
// facts of 62 simulated days of the demo hall (two months of visits, as the visits rule keeps), the demo's
// online list (with its planted inconsistencies: thousands of open findings), and each step the service
// takes after a burst of events, timed on the event loop — the inputs, the rules, the tracker and the
// tracker telling what moved. What it did before 2026-11-26 is timed in the same run: the visit rule given
// every visit of the 60 days (now only the repeat cases'), and the open findings written out as JSON
// before and after the tracker, and once more by the findings store, to tell the same.
//   node --import tsx bench/consistency-steady.ts [days=62] [rounds=7]
// Not part of `npm run bench` (no target); docs/performance.md quotes it.
import fs from "node:fs";
import type { HallEvent } from "../contract/index.js";
import { officialCalendarYears } from "../server/adapters/calendar/official-calendar.js";
import { parseItemList } from "../server/adapters/items-import/parse-item-list.js";
import { WorkingCalendar } from "../server/domain/calendar/working-calendar.js";
import { ConsistencyFacts } from "../server/domain/consistency/event-facts.js";
import { RULES } from "../server/domain/consistency/evaluate.js";
import { DEFAULT_SETTINGS, type ConsistencyInputs } from "../server/domain/consistency/inputs.js";
import { visitLimit } from "../server/domain/consistency/rules/event-rules.js";
import { FindingTracker } from "../server/domain/consistency/tracker.js";
import { demoHall, demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { ROOT } from "./server.js";
import { summarize } from "./stats.js";

async function main(): Promise<void> {
  const days = Number(process.argv[2] ?? 62);
  const rounds = Number(process.argv[3] ?? 7);
  const online = await parseItemList({ bytes: fs.readFileSync(`${ROOT}/simulator/sample-items/online-items.json`), format: "json" });
  const facts = new ConsistencyFacts(demoHall.timezone);
  const first = Date.parse("2026-08-01T00:00:00Z");
  let today = "";
  let folded = 0;
  for (let d = 0; d < days; d++) {
    today = new Date(first + d * 86_400_000).toISOString().slice(0, 10);
    for (const e of simulateHallDay({ hall: demoHall, hallId: "steady", date: today, seed: 100 + d, scale: 2, params: demoSimParams, idPrefix: `s:${today}`, ticketIdPrefix: `s-${today}` }).events)
      if (e.type === "ticket.issued" || e.type === "service.completed") {
        facts.add(e as HallEvent);
        folded++;
      }
  }
  const minus = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const calendar = new WorkingCalendar(officialCalendarYears());
  const eventRules = RULES.filter((r) => r.over === "events");
  const tracker = new FindingTracker();
  const signature = () => JSON.stringify(tracker.all().map((f) => [f.key, f.messages, f.evidence]));
  const t = { inputs: [] as number[], rules: [] as number[], tracker: [] as number[], signatures: [] as number[], allVisitsRule: [] as number[], repeatRule: [] as number[], total: [] as number[] };
  let shape = "";
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const inputs: ConsistencyInputs = {
      hallId: "steady",
      hall: demoHall,
      online: { version: 1, items: online.items },
      hallList: null,
      calendar,
      today,
      visits: facts.repeatVisitsSince(minus(today, 60)),
      materialRequests: facts.materialRequestsSince(minus(today, 30)),
      outcomes: facts.outcomesSince(minus(today, 30)),
    };
    const t1 = performance.now();
    const raw = eventRules.flatMap((rule) => rule.evaluate(inputs, DEFAULT_SETTINGS));
    const t2 = performance.now();
    const change = tracker.apply(raw, eventRules.map((x) => x.id), new Date().toISOString());
    void change.changed;
    const t3 = performance.now();
    // What the service and the findings store did until 2026-11-26 on top: every open finding as JSON
    // before and after the tracker, and once more without lastSeen to compare with what was written.
    void (signature() !== signature());
    for (const f of change.open) void JSON.stringify({ ...f, lastSeen: null });
    t.signatures.push(performance.now() - t3);
    t.inputs.push(t1 - t0);
    t.rules.push(t2 - t1);
    t.tracker.push(t3 - t2);
    t.total.push(t3 - t0);
    // The visit rule alone, on every visit (the input before) and on the repeat cases' (now).
    const all = facts.visitsSince(minus(today, 60));
    const a = performance.now();
    const fromAll = visitLimit.evaluate({ ...inputs, visits: all }, DEFAULT_SETTINGS);
    const b = performance.now();
    const fromRepeat = visitLimit.evaluate(inputs, DEFAULT_SETTINGS);
    const c = performance.now();
    if (JSON.stringify(fromAll) !== JSON.stringify(fromRepeat)) throw new Error("the visit rule found differently on the repeat cases");
    t.allVisitsRule.push(b - a);
    t.repeatRule.push(c - b);
    shape = `${all.length} visits of 60 days, ${inputs.visits.length} of them in repeat cases; ${inputs.materialRequests.length} material requests; ${raw.length} findings (${fromRepeat.length} visit-limit)`;
  }
  const fmt = (xs: number[]) => {
    const s = summarize(xs.slice(1)); // the first round warms the code up
    return `p50 ${s.p50.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
  };
  process.stdout.write(
    [
      `${folded} issues and completions over ${days} days of the demo hall (scale 2), judged on ${today}: ${shape}`,
      `one evaluation of the event rules: ${fmt(t.total)} — inputs ${fmt(t.inputs)}, rules ${fmt(t.rules)}, tracker ${fmt(t.tracker)}`,
      `before 2026-11-26, in the same run: the visit rule on every visit ${fmt(t.allVisitsRule)} (on the repeat cases' visits now: ${fmt(t.repeatRule)}; the same findings), and every open finding as JSON before and after the tracker and in the store ${fmt(t.signatures)}`,
      "",
    ].join("\n"),
  );
}

void main();
