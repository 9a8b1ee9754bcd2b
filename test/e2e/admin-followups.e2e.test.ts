// The 差评整改 page (好差评 follow-up) in a real Chromium (1280×800) against the real server: a poor
// evaluation sent by the hall's device over HTTP opens a case that a MANAGER (not read-only here) walks
// open → contacted (with a note) → rectified → reviewed through the page; the report then shows 100%
// followed up; a note with a mobile number is refused with the message shown; several cases in different
// states with one overdue for the screenshot — with no JavaScript dialog and no unexpected console error.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate, type FollowUpCase, type HallConfig } from "../../contract/index.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const HALL = "qingxi-fu";
const TZ = "Asia/Shanghai";
const DAY = 86_400_000;

const hallConfig: HallConfig = {
  name: "青溪县政务服务中心",
  timezone: TZ,
  categories: [
    { id: "social", name: "社会保险", itemCodes: ["330399-SB-0101", "330399-SB-0102"] },
    { id: "estate", name: "不动产登记", itemCodes: ["330399-BDC-0201"] },
    { id: "permit", name: "企业开办", itemCodes: ["330399-XK-0101"] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号窗口", department: "人社局", categories: ["social"] },
    { id: "w5", name: "5号窗口", department: "自然资源局", categories: ["estate"] },
    { id: "w8", name: "8号综合窗口", department: "市场监管局", categories: ["permit"], comprehensive: true },
  ],
  targets: { waitMinutes: 20 },
};

/** The instant at hall-local `hhmm` (UTC+8) on the date `days` days ago. */
const daysAgoAt = (days: number, hhmm: string) => Date.parse(`${localDate(Date.now() - days * DAY, TZ)}T${hhmm}:00+08:00`);

/** Console errors other than the expected 400 of the refused note. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 400/.test(e));

describe("admin 差评整改", () => {
  let hall: E2eHall;
  let browser: Browser;
  let mgr: { context: BrowserContext; page: Page; dialogs: string[]; errors: string[] };
  let n = 0;
  /** A labelled manager token (the label is recorded as who moved a case). */
  let manager = "";

  /** Sends a ticket and its evaluation from the hall's device over HTTP POST …/events. */
  async function evaluate(o: { ticketNo: string; windowId: string; itemCode: string; rating: number; at: number }): Promise<void> {
    n += 1;
    const categoryId = hallConfig.categories.find((c) => c.itemCodes.includes(o.itemCode))?.id ?? "social";
    const ticketId = `T${n}-${o.ticketNo}`;
    const events = [
      { id: `iss-${n}`, hallId: HALL, type: "ticket.issued", ts: new Date(o.at - 40 * 60_000).toISOString(), ticketId, ticketNo: o.ticketNo, categoryId, itemCode: o.itemCode, channel: "kiosk" },
      { id: `eva-${n}`, hallId: HALL, type: "evaluation.submitted", ts: new Date(o.at).toISOString(), ticketId, windowId: o.windowId, rating: o.rating },
    ];
    const res = await hall.admin.as(hall.tokens.device.token).postEvents(HALL, events);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(["accepted", "accepted"]);
  }

  /** The case of a ticket once the server has opened it. */
  async function caseOf(ticketNo: string): Promise<FollowUpCase> {
    const api = hall.admin.as(manager);
    for (let i = 0; i < 100; i++) {
      const res = await api.request<{ cases: FollowUpCase[] }>("GET", `/api/halls/${HALL}/followups`);
      const c = res.body.cases.find((x) => x.ticketNo === ticketNo);
      if (c) return c;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no case for ${ticketNo}`);
  }

  async function moveByApi(ticketNo: string, steps: { to: string; note?: string }[]): Promise<void> {
    const c = await caseOf(ticketNo);
    for (const s of steps) {
      const res = await hall.admin.as(manager).request("POST", `/api/halls/${HALL}/followups/${c.id}/transition`, s);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  }

  const row = (page: Page, ticketNo: string) => page.locator("tr[data-case]").filter({ has: page.locator('[data-test="case-ticket"]', { hasText: ticketNo }) });

  async function moveOnPage(page: Page, to: string, doneText: string): Promise<void> {
    await page.locator(`[data-move="${to}"]`).click();
    await page.locator('[data-test="move-done"]', { hasText: doneText }).waitFor();
  }

  beforeAll(async () => {
    hall = await startHall(HALL, hallConfig);
    const made = await hall.admin.request<{ token: string }>("POST", "/api/tokens", { role: "manager", hallId: HALL, label: "综合科 王科长" });
    expect(made.status).toBe(201);
    manager = made.body.token;
    browser = await launchBrowser();
    mgr = await newPage(browser, VIEWPORTS.admin);
  });
  afterAll(async () => {
    await mgr?.context.close();
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  it("lets a manager walk a new case open → contacted → rectified → reviewed; the report shows 100% followed up", async () => {
    const now = Date.now();
    await evaluate({ ticketNo: "A101", windowId: "w1", itemCode: "330399-SB-0101", rating: 1, at: now - 20 * 60_000 });
    await caseOf("A101");

    const { page } = mgr;
    await page.goto(`${hall.server.url}/admin?token=${manager}`);
    await page.locator('[data-test="config-page"]').waitFor();
    await expect(page.locator('[data-test="role"]').textContent()).resolves.toContain("大厅负责人");
    await expect(page.locator('[data-test="nav-followups"]').textContent()).resolves.toContain("差评整改");
    await page.locator('[data-test="nav-followups"]').click();
    await page.locator('[data-test="followups-page"]').waitFor();

    const r = row(page, "A101");
    await r.waitFor();
    await expect(r.locator('[data-test="case-window"]').textContent()).resolves.toBe("1号窗口");
    await expect(r.locator('[data-test="case-item"]').textContent()).resolves.toBe("330399-SB-0101");
    await expect(r.locator('[data-test="case-rating"]').textContent()).resolves.toBe("非常不满意");
    await expect(r.locator('[data-test="case-state"]').textContent()).resolves.toBe("待处理");
    const evaluatedAt = new Date(now - 20 * 60_000);
    const hhmm = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(evaluatedAt);
    await expect(r.locator('[data-test="case-evaluated"]').textContent()).resolves.toBe(`${localDate(evaluatedAt.getTime(), TZ)} ${hhmm}`);

    await r.click();
    await page.locator('[data-test="followup-detail"]').waitFor();
    expect(await page.locator("[data-move]").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-move")))).toEqual(["contacted", "appealed"]);
    await page.locator('[data-test="note"]').fill("已电话联系评价人，致歉并说明社保转移所需材料");
    await moveOnPage(page, "contacted", "已更新为“已联系”");
    expect(await page.locator("[data-move]").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-move")))).toEqual(["rectified", "appealed"]);
    await moveOnPage(page, "rectified", "已更新为“已整改”");
    await page.locator('[data-test="note"]').fill("回访评价人，对整改结果表示满意");
    await moveOnPage(page, "reviewed", "已更新为“已复核”");
    await page.locator('[data-test="case-closed"]').waitFor();
    await expect(page.locator('[data-test="detail-state"]').textContent()).resolves.toBe("已复核");
    const history = page.locator('[data-test="history"] li');
    expect(await history.evaluateAll((ls) => ls.map((l) => l.getAttribute("data-step")))).toEqual(["open", "contacted", "rectified", "reviewed"]);
    await expect(history.nth(1).locator('[data-test="step-note"]').textContent()).resolves.toBe("已电话联系评价人，致歉并说明社保转移所需材料");
    await expect(history.nth(1).locator('[data-test="step-by"]').textContent()).resolves.toBe("操作人：综合科 王科长");
    await expect(row(page, "A101").locator('[data-test="case-state"]').textContent()).resolves.toBe("已复核");

    // The report: this month and window 1 are 100% followed up and on time.
    const month = localDate(evaluatedAt.getTime(), TZ).slice(0, 7);
    await page.locator(`[data-report-key="${month}"] [data-test="followed-up-share"]`, { hasText: "100%" }).waitFor();
    await expect(page.locator(`[data-report-key="${month}"] [data-test="on-time-share"]`).textContent()).resolves.toBe("100%");
    await page.locator('[data-test="report-by-window"]').click();
    await expect(page.locator('[data-report-key="w1"]').textContent()).resolves.toContain("1号窗口");
    await expect(page.locator('[data-report-key="w1"] [data-test="followed-up-share"]').textContent()).resolves.toBe("100%");
    await page.locator('[data-test="report-by-month"]').click();
    expect(await page.locator('[data-test="report-chart"] canvas').count()).toBeGreaterThan(0);
  });

  it("refuses a note with a mobile number and says why; the case stays open", async () => {
    await evaluate({ ticketNo: "A102", windowId: "w2", itemCode: "330399-SB-0102", rating: 2, at: Date.now() - 10 * 60_000 });
    await caseOf("A102");
    const { page } = mgr;
    await page.locator('[data-test="refresh"]').click();
    await row(page, "A102").click();
    await page.locator('[data-test="followup-detail"] h2', { hasText: "A102" }).waitFor();
    await page.locator('[data-test="note"]').fill("评价人电话 13912345678，已联系");
    await page.locator('[data-move="contacted"]').click();
    const msg = page.locator('[data-test="move-error"]');
    await msg.waitFor();
    await expect(msg.textContent()).resolves.toBe("备注未保存：疑似包含手机号或身份证号等个人信息，请删除后再提交。");
    await expect(page.locator('[data-test="detail-state"]').textContent()).resolves.toBe("待处理");
    expect(await page.locator('[data-test="note"]').inputValue()).toBe("评价人电话 13912345678，已联系");
    const c = await caseOf("A102");
    expect(c.state).toBe("open");
    expect(JSON.stringify(c)).not.toContain("13912345678");
    await page.locator('[data-test="note"]').fill("");
  });

  it("shows several cases in different states with an overdue one in red (screenshot)", async () => {
    await evaluate({ ticketNo: "A088", windowId: "w5", itemCode: "330399-BDC-0201", rating: 1, at: daysAgoAt(40, "10:42") });
    await evaluate({ ticketNo: "A093", windowId: "w8", itemCode: "330399-XK-0101", rating: 2, at: daysAgoAt(6, "15:17") });
    await evaluate({ ticketNo: "A095", windowId: "w2", itemCode: "330399-SB-0102", rating: 1, at: daysAgoAt(4, "09:36") });
    await evaluate({ ticketNo: "A097", windowId: "w1", itemCode: "330399-SB-0101", rating: 2, at: daysAgoAt(2, "11:05") });
    await moveByApi("A093", [{ to: "contacted", note: "已联系评价人，了解到营业执照领取等候时间过长" }, { to: "rectified", note: "增设自助发照机，高峰时段增开窗口" }]);
    await moveByApi("A095", [{ to: "contacted", note: "已电话联系评价人，解释养老保险转移需原参保地出具凭证" }]);
    await moveByApi("A097", [{ to: "appealed", note: "评价对象为线上系统故障，非窗口服务问题，申请申诉" }]);
    const overdue = await caseOf("A088");
    expect(overdue.overdue).toBe(true);

    const { page } = mgr;
    await page.locator('[data-test="refresh"]').click();
    await row(page, "A097").waitFor();
    // Overdue first, in red with the word 超期.
    const late = row(page, "A088");
    expect(await page.locator("tr[data-case]").first().getAttribute("data-overdue")).toBe("true");
    await expect(late.locator('[data-test="overdue"]').textContent()).resolves.toBe("超期");
    const colour = await late.locator('[data-test="overdue"]').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(colour).toBe("rgb(200, 55, 45)");
    await expect(late.locator('[data-test="case-window"]').textContent()).resolves.toBe("5号窗口");
    await expect(page.locator('[data-test="overdue-count"]').textContent()).resolves.toBe("超期 1 件");
    // Only overdue: the one case.
    await page.locator('[data-test="filter-overdue"]').check();
    await page.waitForFunction(() => document.querySelectorAll("tr[data-case]").length === 1);
    await page.locator('[data-test="filter-reset"]').click();
    await page.waitForFunction(() => document.querySelectorAll("tr[data-case]").length === 6);

    const states = await page.locator("tr[data-case]").evaluateAll((rs) => rs.map((r) => r.getAttribute("data-state")));
    expect(new Set(states)).toEqual(new Set(["open", "rectified", "contacted", "appealed", "reviewed"]));
    await row(page, "A093").click();
    await page.locator('[data-test="followup-detail"] h2', { hasText: "A093" }).waitFor();
    expect(await page.locator("[data-move]").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-move")))).toEqual(["reviewed", "appealed"]);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(640, 799);
    await screenshot(page, "admin-followups");
    expect(mgr.dialogs).toEqual([]);
    expect(unexpected(mgr.errors)).toEqual([]);
  });
});
