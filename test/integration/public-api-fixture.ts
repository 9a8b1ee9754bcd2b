// The data of public-api.int.test.ts: three halls (one opted in, one not, one disabled), two past served
// days (a small one with cells to suppress, a larger one) and today's live events, every private value
// (staff id, case reference, ticket id) distinctive so that the privacy scan can look for it.
import { localDate, type HallConfig } from "../../contract/index.js";
import { zoneSpanningToday } from "../helpers/hall-fixture.js";
export const PUB = "pub-hall";
export const OFF = "pub-off";
export const DISABLED = "pub-disabled";
// Today's events reach 50 min back (zoneSpanningToday); past days, stamped +08:00 by day, keep their dates.
export const ZONE = zoneSpanningToday(60 * 60_000);
export const hall: HallConfig = {
  name: "公开测试大厅",
  timezone: ZONE,
  categories: [
    { id: "social", name: "社会保险", itemCodes: [] },
    { id: "estate", name: "不动产登记", itemCodes: [] },
    { id: "tax", name: "税务", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号窗口", department: "自然资源局", categories: ["estate"] },
    { id: "w3", name: "3号窗口", department: "税务局", categories: ["tax"] },
  ],
  targets: { waitMinutes: 20 },
};
export const publicHall: HallConfig = { ...hall, public: { enabled: true, minCellCount: 5, licence: "CC BY 4.0" } };

// Distinctive private values: none may appear in any public answer.
export const SECRET_STAFF = "staff-secret-77";
export const SECRET_CASE = "CASE-SECRET-0042";
export const tid = (n: string) => `secret-ticket-${n}`;

const H = 3_600_000;
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const TODAY = localDate(Date.now(), ZONE);
/** Two past days: a small one (cells to suppress) and a larger one (every cell published). */
export const SMALL_DAY = addDays(TODAY, -6);
export const BIG_DAY = addDays(TODAY, -5);
const at = (date: string, hh: number, mm: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + hh * H + mm * 60_000).toISOString();

let seq = 0;
const id = () => `pub-ev-${++seq}`;

/** A served day: per category a number of tickets, each issued, called, served and evaluated at its window. */
export function servedDay(date: string, counts: Record<"social" | "estate" | "tax", number>) {
  const events: Record<string, unknown>[] = [];
  const windowOf = { social: "w1", estate: "w2", tax: "w3" } as const;
  for (const w of ["w1", "w2", "w3"]) events.push({ id: id(), type: "window.opened", ts: at(date, 8, 50), windowId: w, staffId: SECRET_STAFF });
  let n = 0;
  for (const [cat, count] of Object.entries(counts) as ["social" | "estate" | "tax", number][])
    for (let i = 0; i < count; i++) {
      n += 1;
      const t = tid(`${date}-${cat}-${i}`);
      const w = windowOf[cat];
      events.push(
        { id: id(), type: "ticket.issued", ts: at(date, 9, n * 3), ticketId: t, ticketNo: `X${String(n).padStart(3, "0")}`, categoryId: cat, channel: "kiosk", caseRef: SECRET_CASE },
        { id: id(), type: "ticket.called", ts: at(date, 9, n * 3 + 1 + (i % 4)), ticketId: t, windowId: w },
        { id: id(), type: "service.started", ts: at(date, 9, n * 3 + 2 + (i % 4)), ticketId: t, windowId: w },
        { id: id(), type: "service.completed", ts: at(date, 9, n * 3 + 3 + (i % 4)), ticketId: t, windowId: w, outcome: "done" },
        { id: id(), type: "evaluation.submitted", ts: at(date, 9, n * 3 + 4 + (i % 4)), ticketId: t, windowId: w, rating: i === 0 ? 1 : 5 },
      );
    }
  for (const w of ["w1", "w2", "w3"]) events.push({ id: id(), type: "window.closed", ts: at(date, 17, 0), windowId: w });
  return events;
}

/** Today: w1 and w3 open, w2 paused; four social tickets and one tax ticket waiting, one social ticket called. */
export function liveEvents() {
  const now = Date.now();
  const ago = (min: number) => new Date(now - min * 60_000).toISOString();
  return [
    { id: id(), type: "window.opened", ts: ago(50), windowId: "w1", staffId: SECRET_STAFF },
    { id: id(), type: "window.opened", ts: ago(50), windowId: "w2", staffId: SECRET_STAFF },
    { id: id(), type: "window.paused", ts: ago(40), windowId: "w2" },
    { id: id(), type: "window.opened", ts: ago(50), windowId: "w3", staffId: SECRET_STAFF },
    ...["A001", "A002", "A003", "A004"].map((no, i) => ({ id: id(), type: "ticket.issued", ts: ago(30 - i), ticketId: tid(`live-${no}`), ticketNo: no, categoryId: "social", channel: "kiosk", caseRef: SECRET_CASE })),
    { id: id(), type: "ticket.issued", ts: ago(29), ticketId: tid("live-C001"), ticketNo: "C001", categoryId: "tax", channel: "kiosk" },
    { id: id(), type: "ticket.issued", ts: ago(35), ticketId: tid("live-A000"), ticketNo: "A000", categoryId: "social", channel: "kiosk" },
    { id: id(), type: "ticket.called", ts: ago(20), ticketId: tid("live-A000"), windowId: "w1" },
  ];
}
