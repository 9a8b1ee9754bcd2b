// 数据质量与预计等待校准 (issue #9) in a real Chromium (1280×800) against the real server:
// - six past simulated days of the demo hall sent through POST …/events, with the wait estimates each
//   ticket would have been given at issue (the domain's replay, written by the server's own estimate
//   repository into its file, as days whose estimates were never recorded live would be backfilled);
// - today, live devices with planted faults: a completion without start, a call before its issue, a
//   service at a window that never opened, a clock 10 minutes behind, a missing seq and a late event.
//   The faults are held back 10 minutes after they arrive (a late event may still clear them); the
//   server is stopped and today's events moved 15 minutes back, receive time and event time together,
//   as if that much time had passed, then started again.
// The page says in one sentence whether the screen can be trusted (the server's verdict), draws the days,
// lists them with the figures of the API, and lists today's devices worst first with their issues —
// with no console error and no JavaScript dialog.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CalibrationResponse, DataQualityResponse, HallEvent, IngestResponse } from "../../contract/index.js";
import { SqliteEstimateRepository } from "../../server/adapters/sqlite/estimate-repository.js";
import { replayIssueEstimates } from "../../server/domain/wait-estimate/replay-estimates.js";
import { demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const HALL = "quality-e2e";
const SHOTS = "/tmp/shots/quality";
const MIN = 60_000;
// Today's events end up 15 to 35 minutes in the past (below); in the first hour of a Shanghai day that would
// put them in yesterday, so then the hall keeps Asia/Dubai time (UTC+4, no DST either), where it is evening.
const NEAR_MIDNIGHT = (Date.now() + 8 * 3_600_000) % 86_400_000 < 60 * MIN;
const OFFSET_MS = (NEAR_MIDNIGHT ? 4 : 8) * 3_600_000; // UTC+8 (or +4) all year
const HALL_CONFIG = { ...demoHall, timezone: NEAR_MIDNIGHT ? "Asia/Dubai" : "Asia/Shanghai" };
const localDateOf = (ms: number) => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const TODAY = localDateOf(Date.now());
const PAST = [6, 5, 4, 3, 2, 1].map((n) => addDays(TODAY, -n));
const pct = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/**
 * Today's devices, stamped within the last 40 seconds and sent at once (ids "q-…", moved back later):
 * close enough to their sending that no clock looks skewed but the planted one.
 */
function todayScenario(): HallEvent[] {
  const t = Date.now() - 40_000;
  let n = 0;
  const ev = (sec: number, fields: Record<string, unknown>, deviceId: string, seq?: number, shiftMs = 0): HallEvent =>
    ({ id: `q-${++n}`, hallId: HALL, ts: new Date(t + sec * 1000 + shiftMs).toISOString(), deviceId, ...(seq !== undefined ? { seq } : {}), ...fields }) as HallEvent;
  const ticket = (id: string, categoryId: string) => ({ type: "ticket.issued", ticketId: id, ticketNo: id.toUpperCase(), categoryId, channel: "kiosk" });
  const events: HallEvent[] = [];
  // counter-w17 (税务): a clean morning, seq 1–13.
  let s = 0;
  events.push(ev(0, { type: "window.opened", windowId: "w17", staffId: "s17" }, "counter-w17", ++s));
  for (let i = 0; i < 3; i++) {
    const id = `q-tax-${i}`;
    events.push(ev(1 + i * 8, ticket(id, "tax"), "counter-w17", ++s));
    events.push(ev(2 + i * 8, { type: "ticket.called", ticketId: id, windowId: "w17" }, "counter-w17", ++s));
    events.push(ev(3 + i * 8, { type: "service.started", ticketId: id, windowId: "w17" }, "counter-w17", ++s));
    events.push(ev(7 + i * 8, { type: "service.completed", ticketId: id, windowId: "w17", outcome: "done" }, "counter-w17", ++s));
  }
  // counter-w06 (社会保险): a completion without start, a call before its issue, seq 5 missing, a late event.
  events.push(
    ev(0, { type: "window.opened", windowId: "w06", staffId: "s06" }, "counter-w06", 1),
    ev(1, ticket("q-si-1", "social-insurance"), "counter-w06", 2),
    ev(2, { type: "ticket.called", ticketId: "q-si-1", windowId: "w06" }, "counter-w06", 3),
    ev(3, { type: "service.started", ticketId: "q-si-1", windowId: "w06" }, "counter-w06", 4),
    ev(10, { type: "service.completed", ticketId: "q-si-1", windowId: "w06", outcome: "done" }, "counter-w06", 6),
    ev(15, { type: "service.completed", ticketId: "q-si-2", windowId: "w06", outcome: "done" }, "counter-w06", 7),
    ev(20, { type: "ticket.called", ticketId: "q-si-3", windowId: "w06" }, "counter-w06", 8),
    ev(21, ticket("q-si-3", "social-insurance"), "counter-w06", 9),
    ev(-20 * 60, ticket("q-si-0", "social-insurance"), "counter-w06"),
  );
  // counter-w11 (不动产登记): its clock runs 10 minutes behind.
  const behind = -10 * MIN;
  events.push(
    ev(0, { type: "window.opened", windowId: "w11", staffId: "s11" }, "counter-w11", 1, behind),
    ev(1, ticket("q-re-1", "real-estate"), "counter-w11", 2, behind),
    ev(2, { type: "ticket.called", ticketId: "q-re-1", windowId: "w11" }, "counter-w11", 3, behind),
    ev(3, { type: "service.started", ticketId: "q-re-1", windowId: "w11" }, "counter-w11", 4, behind),
    ev(25, { type: "service.completed", ticketId: "q-re-1", windowId: "w11", outcome: "done" }, "counter-w11", 5, behind),
  );
  // counter-w22 (卫生健康): serves while its window never opened today.
  events.push(
    ev(20, { type: "service.started", ticketId: "q-he-1", windowId: "w22" }, "counter-w22", 1),
    ev(30, { type: "service.completed", ticketId: "q-he-1", windowId: "w22", outcome: "done" }, "counter-w22", 2),
  );
  return events;
}

describe("admin data quality and wait-estimate calibration", () => {
  let hall: E2eHall;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; dialogs: string[]; errors: string[] };

  beforeAll(async () => {
    [hall, browser] = await Promise.all([startHall(HALL, HALL_CONFIG), launchBrowser()]);
    const device = hall.admin.as(hall.tokens.device.token);
    const send = async (events: HallEvent[]) => {
      for (let k = 0; k < events.length; k += 500) {
        const res = await device.request<IngestResponse>("POST", `/api/halls/${HALL}/events`, events.slice(k, k + 500));
        if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
        const refused = res.body.results.filter((r) => r.status !== "accepted");
        if (refused.length) throw new Error(`events refused: ${JSON.stringify(refused.slice(0, 3))}`);
      }
    };
    const days = PAST.map((date, i) => ({ date, events: generateHallDay({ hall: HALL_CONFIG, hallId: HALL, date, seed: 71 + i, utcOffsetMinutes: OFFSET_MS / MIN, params: demoSimParams }) }));
    for (const d of days) await send(d.events);
    await send(todayScenario());

    await hall.server.stop();
    const db = new Database(hall.server.dbFile);
    // As if 15 minutes had passed since today's events arrived (see the header).
    const shift = 15 * MIN;
    const rows = db.prepare(`select seq, payload, tsMs, receivedMs from "Event" where hallId = ? and eventId like 'q-%'`).all(HALL) as { seq: number; payload: string; tsMs: number; receivedMs: number }[];
    const update = db.prepare(`update "Event" set payload = ?, tsMs = ?, receivedMs = ? where seq = ?`);
    db.transaction(() => {
      for (const r of rows) {
        const e = JSON.parse(r.payload) as HallEvent;
        update.run(JSON.stringify({ ...e, ts: new Date(Date.parse(e.ts) - shift).toISOString() }), r.tsMs - shift, r.receivedMs - shift, r.seq);
      }
    })();
    // The past days' estimates at issue, as the live floor would have recorded them.
    const repo = new SqliteEstimateRepository(db);
    for (const d of days) repo.record(HALL, replayIssueEstimates(d.events, HALL_CONFIG, { reps: 100, recalibrate: true }).map((i) => i.estimate));
    repo.flushNow();
    db.close();
    await hall.server.start();
    // Today's waiting tickets get their estimates from the live floor (computed for GET …/load) a moment
    // later; wait for them so that the page and the API below see the same rows.
    expect((await hall.admin.load(HALL)).status).toBe(200);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await hall.admin.request<CalibrationResponse>("GET", `/api/halls/${HALL}/floor/calibration?from=${TODAY}&to=${TODAY}`);
      if (res.status === 200 && res.body.rows.length > 0) break;
      if (Date.now() > deadline) throw new Error("today's estimates were not stored");
      await new Promise((r) => setTimeout(r, 200));
    }
    admin = await newPage(browser, VIEWPORTS.admin);
  }, 240_000);

  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  it("says whether the screen can be trusted, and shows each day's shares as the API computes them", async () => {
    const { page } = admin;
    const api = await hall.admin.request<CalibrationResponse>("GET", `/api/halls/${HALL}/floor/calibration?from=${addDays(TODAY, -13)}&to=${TODAY}`);
    expect(api.status).toBe(200);
    expect(api.body.summary.tickets).toBeGreaterThan(1000);

    await page.goto(`${hall.server.url}/admin/quality?token=${hall.tokens.manager.token}`);
    const verdict = page.locator('[data-test="verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-verdict")).toBe(api.body.summary.verdict);
    const sentence = (await verdict.textContent()) ?? "";
    expect(sentence).toMatch(/^(可以信任|偏乐观|偏保守|样本不足)/);
    expect(sentence).toContain(pct(api.body.summary.byP80Share));

    await page.locator('[data-test="calibration-chart"] canvas').waitFor();
    const table = page.locator('[data-test="calibration-table"]');
    // The simulated hall is closed at weekends: the working days among the six have rows.
    const hallRows = api.body.rows.filter((r) => r.categoryId === null);
    expect(hallRows.filter((r) => PAST.includes(r.day)).length).toBeGreaterThanOrEqual(4);
    const shown = await table.locator('tbody tr[data-category=""]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-day")));
    expect(shown).toEqual(hallRows.map((r) => r.day));
    for (const want of hallRows) {
      const row = table.locator(`tr[data-day="${want.day}"][data-category=""]`);
      expect(await row.locator('[data-col="tickets"]').textContent()).toBe(String(want.tickets));
      expect(await row.locator('[data-col="byP80"]').textContent()).toBe(pct(want.byP80Share));
      expect(await row.locator('[data-col="byP50"]').textContent()).toBe(pct(want.byP50Share));
    }
    // Per category on demand, by Chinese name.
    await page.locator('[data-test="toggle-categories"]').click();
    const lastDay = hallRows.filter((r) => PAST.includes(r.day)).at(-1)?.day;
    expect(await table.locator(`tr[data-day="${lastDay}"][data-category="real-estate"] td`).nth(1).textContent()).toBe("不动产登记");
    await page.locator('[data-test="toggle-categories"]').click();
  });

  it("lists today's devices worst first, with each planted fault once in the opened row", async () => {
    const { page, dialogs, errors } = admin;
    const api = await hall.admin.request<DataQualityResponse>("GET", `/api/halls/${HALL}/floor/data-quality?day=${TODAY}`);
    expect(api.status).toBe(200);
    expect(api.body.pending).toBe(0);

    const table = page.locator('[data-test="dq-table"][data-tab="device"]');
    await table.waitFor();
    const order = await table.locator("tbody > tr[data-subject]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-subject")));
    expect(order).toEqual(api.body.devices.map((d) => d.id));
    expect(order.at(-1)).toBe("counter-w17"); // the clean one last
    const w06 = table.locator('tr[data-subject="counter-w06"]');
    expect(await w06.locator('[data-col="completed_without_start"]').textContent()).toMatch(/^\s*1/);
    expect(await w06.locator('[data-col="call_before_issue"]').textContent()).toMatch(/^\s*1/);
    expect(await w06.locator('[data-col="seq_gap"]').textContent()).toMatch(/^\s*1\s*缺 1 条/);
    expect(await w06.locator('[data-col="late_event"]').textContent()).toMatch(/^\s*1/);
    expect(await table.locator('tr[data-subject="counter-w22"] [data-col="service_on_closed_window"]').textContent()).toMatch(/^\s*1/);
    // Its clock is 10 minutes behind (and its events of the last 40 seconds were sent at once).
    const skewMs = api.body.devices.find((d) => d.id === "counter-w11")?.skewMs as number;
    expect(skewMs).toBeLessThan(-10 * MIN);
    expect(skewMs).toBeGreaterThan(-11 * MIN);
    expect(await table.locator('tr[data-subject="counter-w11"] [data-col="clock_skew"]').textContent()).toContain(`偏差 ${Math.round(skewMs / 6000) / 10} 分钟`);

    await w06.locator('[data-test="dq-toggle"]').click();
    const issues = page.locator('[data-test="dq-issues"] tbody tr');
    expect((await issues.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-kind")))).sort()).toEqual(
      ["call_before_issue", "completed_without_start", "late_event", "seq_gap"].sort(),
    );
    expect(await page.locator('[data-test="dq-issues"]').textContent()).toContain("完成无开始");

    await page.mouse.move(100, 760);
    await page.waitForTimeout(700); // the chart's entry animation
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.locator('[data-test="quality-card"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "admin-quality-devices.png") });
    await page.screenshot({ path: path.join(SHOTS, "admin-quality-full.png"), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, "admin-quality.png") });
    await screenshot(page, "admin-quality");

    // Windows by their Chinese names.
    await page.locator('[data-test="dq-tab-window"]').click();
    const windows = page.locator('[data-test="dq-table"][data-tab="window"] tbody > tr[data-subject] td.name');
    expect(await windows.allTextContents()).toEqual(expect.arrayContaining(["6号窗口", "22号窗口"]));

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
