// GET …/history: idle while waiting and the waits by priority (issue #9), on a small hand-made hall and the demo hall.
import { beforeAll, describe, expect, it } from "vitest";
import type { HistoryGroup } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { addDays, admin, byEventOrder, D1, D3, departmentOf, HALL, history, type HistoryAnswer, midnightMs, nearestRankOf, type RollupStatus, server, setUpHistoryServer, sleep } from "../helpers/history-fixture.js";
import { eventsInLogOf } from "../helpers/log-figures.js";

setUpHistoryServer();

describe("GET …/history: idle while waiting and priority waits (issue #9)", () => {
  const FLOOR = "hist-floor";
  const at = (time: string) => `${D1}T${time}:00+08:00`;
  let n = 0;
  const e = (time: string, fields: Record<string, unknown>) => ({ id: `fl-${++n}`, hallId: FLOOR, ts: at(time), ...fields });
  const issued = (time: string, ticketId: string, priority: "normal" | "green" | "appointment") =>
    e(time, { type: "ticket.issued", ticketId, ticketNo: ticketId.toUpperCase(), categoryId: "housing-fund", channel: "kiosk", priority });
  const floorHistory = async (groupBy: HistoryGroup, from = D1, to = D1) => {
    const res = await admin.request<HistoryAnswer>("GET", `/api/halls/${FLOOR}/history?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${groupBy}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    expect((await admin.putHall(FLOOR, demoHall)).status).toBe(201);
    // w13 (公积金 only) opens at 9:00. n1 waits; g1 (绿色通道) comes at 9:10 and is called first at 9:20:
    // idle 9:05–9:20. n1 is called at 9:26, n2 (issued 9:40) only at 10:00: idle 9:45–10:00. The
    // appointment p1 (9:41) is called at 10:10, 5 minutes after n2 is done: grace, not idle.
    const events = [
      e("09:00", { type: "window.opened", windowId: "w13", staffId: "s13" }),
      issued("09:00", "n1", "normal"),
      issued("09:10", "g1", "green"),
      e("09:20", { type: "ticket.called", ticketId: "g1", windowId: "w13" }),
      e("09:25", { type: "service.completed", ticketId: "g1", windowId: "w13", outcome: "done" }),
      e("09:26", { type: "ticket.called", ticketId: "n1", windowId: "w13" }),
      e("09:30", { type: "service.completed", ticketId: "n1", windowId: "w13", outcome: "done" }),
      issued("09:40", "n2", "normal"),
      issued("09:41", "p1", "appointment"),
      e("10:00", { type: "ticket.called", ticketId: "n2", windowId: "w13" }),
      e("10:05", { type: "service.completed", ticketId: "n2", windowId: "w13", outcome: "done" }),
      e("10:10", { type: "ticket.called", ticketId: "p1", windowId: "w13" }),
      e("10:15", { type: "service.completed", ticketId: "p1", windowId: "w13", outcome: "done" }),
      e("10:30", { type: "window.closed", windowId: "w13" }),
    ];
    const res = await admin.postEvents(FLOOR, events);
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
    const deadline = Date.now() + 60_000;
    while ((await admin.request<RollupStatus>("GET", `/api/halls/${FLOOR}/history/status`)).body.pendingDays > 0) {
      if (Date.now() > deadline) throw new Error(`floor hall rollups not settled\n${server.output}`);
      await sleep(100);
    }
  });

  it("by window: the idle minutes and episodes of the day (the grace excluded), 0 for the others", async () => {
    const hist = await floorHistory("window");
    const w13 = hist.rows.find((r) => r.key === "w13");
    expect(w13).toMatchObject({ idleMinutes: 30, idleEpisodes: 2 });
    for (const r of hist.rows) if (r.key !== "w13") expect([r.idleMinutes, r.idleEpisodes]).toEqual([0, 0]);
    const dept = (await floorHistory("department")).rows.find((r) => r.key === departmentOf.get("w13"));
    expect(dept).toMatchObject({ idleMinutes: 30, idleEpisodes: 2 });
    // Other groupings carry no idle figures; a period without a whole day carries none either.
    expect((await floorHistory("category")).rows[0]?.idleMinutes).toBeUndefined();
    const partial = await floorHistory("window", at("09:00"), at("12:00"));
    expect(partial.rows.find((r) => r.key === "w13")).toMatchObject({ idleMinutes: 0, idleEpisodes: 0 });
    expect(partial.priorityWaits).toEqual([]);
  });

  it("priority waits: green and appointment tickets beside the normal ones, for the hall and the category", async () => {
    const hist = await floorHistory("window", D1, D3);
    const M = 60;
    // Normal waits 20 and 26 minutes (p50 20, p90 26); green 10; appointment 29.
    const expected = [
      { priority: "normal", count: 2, p50Seconds: 20 * M, p90Seconds: 26 * M, p50RatioToNormal: 1, p90RatioToNormal: 1 },
      { priority: "green", count: 1, p50Seconds: 10 * M, p90Seconds: 10 * M, p50RatioToNormal: 0.5, p90RatioToNormal: 10 / 26 },
      { priority: "appointment", count: 1, p50Seconds: 29 * M, p90Seconds: 29 * M, p50RatioToNormal: 29 / 20, p90RatioToNormal: 29 / 26 },
    ];
    expect(hist.priorityWaits).toEqual([...expected.map((x) => ({ categoryId: null, ...x })), ...expected.map((x) => ({ categoryId: "housing-fund", ...x }))]);
  });

  it("the demo hall's priority waits equal the ones recomputed from the Event table (first call − issue, by priority)", async () => {
    const events = await eventsInLogOf(server, HALL);
    const issue = new Map<string, { ts: number; priority: string }>();
    const call = new Map<string, number>();
    for (const ev of [...events].sort((a, b) => byEventOrder({ ts: Date.parse(a.ts), type: a.type, id: a.id }, { ts: Date.parse(b.ts), type: b.type, id: b.id }))) {
      if (ev.type === "ticket.issued" && !issue.has(ev.ticketId)) issue.set(ev.ticketId, { ts: Date.parse(ev.ts), priority: ev.priority ?? "normal" });
      if (ev.type === "ticket.called" && !call.has(ev.ticketId)) call.set(ev.ticketId, Date.parse(ev.ts));
    }
    const byPriority = new Map<string, number[]>();
    for (const [ticketId, c] of call) {
      const i = issue.get(ticketId);
      if (!i || c < midnightMs(D1) || c >= midnightMs(addDays(D1, 1))) continue;
      byPriority.set(i.priority, [...(byPriority.get(i.priority) ?? []), Math.max(0, c - i.ts)]);
    }
    const hist = await history(D1, D1, "window");
    const hall = (hist.priorityWaits ?? []).filter((r) => r.categoryId === null);
    expect(hall.length).toBeGreaterThan(1);
    for (const r of hall) {
      const waits = byPriority.get(r.priority) ?? [];
      expect([r.count, r.p50Seconds, r.p90Seconds]).toEqual([waits.length, (nearestRankOf(waits, 50) as number) / 1000, (nearestRankOf(waits, 90) as number) / 1000]);
    }
  });
});
