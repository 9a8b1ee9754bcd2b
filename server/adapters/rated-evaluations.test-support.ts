// One set of committed events for both event logs' `evaluationsRatedAtMost` tests (SQLite here,
// PostgreSQL in test/integration/postgres): every rating, two halls, a bound, a commit order unlike ts.
import type { HallEvent } from "../../contract/index.js";
import type { AppendItem } from "../app/ports.js";

const DAY = 86_400_000;

export function ratedEvaluationItems(base: number): AppendItem[] {
  const evaluation = (hallId: string, id: string, rating: number, ms: number): HallEvent =>
    ({ id, hallId, type: "evaluation.submitted", ts: new Date(ms).toISOString(), ticketId: `t-${id}`, windowId: "w1", rating }) as HallEvent;
  const issue: HallEvent = { id: "issue", hallId: "h1", type: "ticket.issued", ts: new Date(base).toISOString(), ticketId: "t-x", ticketNo: "A001", categoryId: "c", channel: "kiosk", priority: "normal" } as HallEvent;
  const events = [
    evaluation("h1", "late-poor", 1, base + DAY + 10), // committed first, stamped a day later
    evaluation("h1", "five", 5, base + 1),
    evaluation("h1", "three", 3, base + 2),
    evaluation("h1", "two", 2, base + 3),
    evaluation("h1", "one", 1, base + 4),
    issue,
    evaluation("h2", "other-hall", 1, base + 5),
    evaluation("h1", "before", 1, base - 1),
  ];
  return events.map((event) => ({ kind: "event", hallId: event.hallId, event, tsMs: Date.parse(event.ts), receivedMs: Date.parse(event.ts), rollupDays: [] }));
}

/** What `evaluationsRatedAtMost` must answer over those events: ids, in commit order. */
export const RATED_EVALUATION_CASES: { maxRating: number; since: (base: number) => number; before?: (base: number) => number; ids: string[] }[] = [
  { maxRating: 2, since: (b) => b, ids: ["late-poor", "two", "one"] },
  { maxRating: 2, since: (b) => b, before: (b) => b + DAY, ids: ["two", "one"] },
  { maxRating: 1, since: (b) => b - 1, ids: ["late-poor", "one", "before"] },
  { maxRating: 5, since: (b) => b, before: (b) => b + DAY, ids: ["five", "three", "two", "one"] },
  { maxRating: 2, since: (b) => b + DAY + 11, ids: [] },
];
