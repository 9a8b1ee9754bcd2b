// GET …/history grouped by hour, weekday and department, against the raw log and the other groupings.
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { addDays, byEventOrder, D1, D3, departmentOf, history, HALL, loadOfDay, localHourOf, midnightMs, server, setUpHistoryServer, sum } from "../helpers/history-fixture.js";
import { eventsInLogOf } from "../helpers/log-figures.js";

setUpHistoryServer();

// ---- Raw-log analysis, written from docs/metrics.md independently of the server's domain code.
interface Completion {
  windowId: string;
  ticketId: string;
  end: number;
  start: number | null;
}

interface RawLog {
  /** The earliest ticket.issued of each ticket. */
  issues: Map<string, { ts: number; categoryId: string }>;
  /** The first ticket.called of each ticket. */
  firstCalls: Map<string, { ts: number; windowId: string }>;
  /** Served completions, paired with the first start of the open service (docs/metrics.md, "served"). */
  completions: Completion[];
}

function analyse(events: readonly HallEvent[]): RawLog {
  const seen = new Set<string>();
  const list = events
    .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)))
    .map((e) => ({ e, ts: Date.parse(e.ts), type: e.type, id: e.id }))
    .sort(byEventOrder);
  const issues = new Map<string, { ts: number; categoryId: string }>();
  const firstCalls = new Map<string, { ts: number; windowId: string }>();
  const services = new Map<string, { ts: number; kind: "started" | "completed"; windowId: string; ticketId: string }[]>();
  for (const { e, ts } of list) {
    if (e.type === "ticket.issued" && !issues.has(e.ticketId)) issues.set(e.ticketId, { ts, categoryId: e.categoryId });
    if (e.type === "ticket.called" && !firstCalls.has(e.ticketId)) firstCalls.set(e.ticketId, { ts, windowId: e.windowId });
    if (e.type === "service.started" || e.type === "service.completed") {
      const key = `${e.windowId}|${e.ticketId}`;
      const l = services.get(key) ?? [];
      l.push({ ts, kind: e.type === "service.started" ? "started" : "completed", windowId: e.windowId, ticketId: e.ticketId });
      services.set(key, l);
    }
  }
  const completions: Completion[] = [];
  for (const l of services.values()) {
    let openSince: number | null = null;
    let justClosed = false;
    for (const s of l) {
      if (s.kind === "started") {
        if (openSince === null) openSince = s.ts; // a repeated start while open is ignored
        justClosed = false;
      } else if (openSince !== null) {
        completions.push({ windowId: s.windowId, ticketId: s.ticketId, end: s.ts, start: openSince });
        openSince = null;
        justClosed = true;
      } else if (!justClosed) {
        completions.push({ windowId: s.windowId, ticketId: s.ticketId, end: s.ts, start: null }); // no start: still served
        justClosed = true;
      }
    }
  }
  return { issues, firstCalls, completions };
}

describe("GET …/history: hour, weekday and department groupings", () => {
  it("groupBy=hour: keys are hall-local hours 0–23; arrivals by issue hour, served by completion hour", async () => {
    const from = midnightMs(D1);
    const to = midnightMs(addDays(D1, 1));
    const hist = await history(D1, D1, "hour");
    const keys = hist.rows.map((r) => r.key);
    for (const k of keys) {
      expect(typeof k).toBe("number");
      expect(Number.isInteger(k) && (k as number) >= 0 && (k as number) <= 23).toBe(true);
    }
    expect(keys).toEqual([...keys].sort((a, b) => (a as number) - (b as number)));
    for (let h = 8; h <= 17; h++) expect(keys).toContain(h);
    expect(keys).not.toContain(3);
    expect(keys.every((k) => (k as number) >= 8 && (k as number) <= 18)).toBe(true);

    const raw = analyse(await eventsInLogOf(server, HALL));
    const count = (times: number[]) => {
      const m = new Map<number, number>();
      for (const t of times) if (t >= from && t < to) m.set(localHourOf(t), (m.get(localHourOf(t)) ?? 0) + 1);
      return m;
    };
    const arrivals = count([...raw.issues.values()].map((i) => i.ts));
    const served = count(raw.completions.map((c) => c.end));
    expect(hist.rows.map((r) => ({ hour: r.key, arrivals: r.arrivals, served: r.served }))).toEqual(
      keys.map((h) => ({ hour: h, arrivals: arrivals.get(h as number) ?? 0, served: served.get(h as number) ?? 0 })),
    );
    // Nothing outside the listed hours.
    expect([...arrivals.keys(), ...served.keys()].every((h) => keys.includes(h))).toBe(true);
  });

  it("groupBy=weekday: ISO weekdays (a Tuesday is 2), each with its day's figures", async () => {
    const one = await history(D1, D1, "weekday");
    expect(one.rows.map((r) => r.key)).toEqual([2]);
    const day = await history(D1, D1, "day");
    expect(one.rows[0]).toEqual({ ...day.rows[0], key: 2 });

    const three = await history(D1, D3, "weekday");
    expect(three.rows.map((r) => r.key)).toEqual([2, 3, 4]);
    const days = await history(D1, D3, "day");
    expect(three.rows.map((r) => ({ ...r, key: 0 }))).toEqual(days.rows.map((r) => ({ ...r, key: 0 })));
  });

  it("groupBy=department: each department's served and arrivals are the sums of its windows'", async () => {
    const byWindow = await history(D1, D1, "window");
    const byDept = await history(D1, D1, "department");
    const expected = new Map<string, { served: number; arrivals: number; noShows: number; poorRatings: number }>();
    for (const r of byWindow.rows) {
      const d = departmentOf.get(r.key as string) as string;
      const x = expected.get(d) ?? { served: 0, arrivals: 0, noShows: 0, poorRatings: 0 };
      x.served += r.served;
      x.arrivals += r.arrivals;
      x.noShows += r.noShows;
      x.poorRatings += r.poorRatings;
      expected.set(d, x);
    }
    expect(new Set(byDept.rows.map((r) => r.key))).toEqual(new Set(expected.keys()));
    for (const r of byDept.rows) expect({ key: r.key, served: r.served, arrivals: r.arrivals, noShows: r.noShows, poorRatings: r.poorRatings }).toEqual({ key: r.key, ...expected.get(r.key as string) });
    // Utilization of a department: Σ busy / Σ open of its windows (from the load view's seconds).
    const load = await loadOfDay(D1);
    for (const r of byDept.rows) {
      const ws = load.windows.filter((w) => departmentOf.get(w.windowId) === r.key);
      const open = sum(ws.map((w) => w.openSeconds));
      expect(r.utilization).toBeCloseTo(open > 0 ? sum(ws.map((w) => w.busySeconds)) / open : 0, 12);
    }
  });
});
