// The allocation review's admin pages in a real Chromium (1280×800) against the real server: two past
// working days of the demo hall (the same weekday in each of the last two full weeks, computed from the
// real clock) loaded through POST …/events with a device token, rolled up; 人员配置 shows that weekday's
// hours with Chinese category names and exports CSV with a BOM; 模拟调配 replays one of those days with
// 不动产登记 added to the 卫生健康局 windows and shows its average wait falling, and exports that
// comparison as CSV with a BOM; an interval that ends before it starts comes back as the server's 400 at
// that interval; 调配建议 of one of the loaded days (history) says which day it is for, and is applied on
// that day — with no console error but that deliberate 400, and no JavaScript dialog.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestResponse } from "../../contract/index.js";
import { demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { ROOT } from "../helpers/server-process.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const HALL = "alloc-e2e";
const WEEKDAY_NAMES = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

// ---- Dates from the real clock. Asia/Shanghai is UTC+8 all year.
const OFFSET_MS = 8 * 3_600_000;
const localDateOf = (ms: number) => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const isoWeekdayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
const TODAY = localDateOf(Date.now());
/**
 * The latest Monday–Friday at least two days back (so that the day after it, which its events also
 * touch, is a finished day too) and the same weekday a week before: both inside the last two full weeks.
 */
const LATER = Array.from({ length: 7 }, (_, i) => addDays(TODAY, -2 - i)).find((d) => isoWeekdayOf(d) <= 5) as string;
const DAYS = [addDays(LATER, -7), LATER];
const WEEKDAY = isoWeekdayOf(LATER);

/** The deliberate 400 of the bad allocation is the only console error allowed. */
const isDeliberate400 = (e: string) => /status of 400/.test(e);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The docs screenshot (the top of the page), and the whole page for review only (test-results). */
async function shoot(page: Page, name: string) {
  await page.mouse.move(100, 760); // over the empty end of the navigation: no hover anywhere
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
  await page.screenshot({ path: path.join(ROOT, "test-results", "screenshots", `${name}-full.png`), fullPage: true });
}

describe("admin allocation review: staffing and what-if", () => {
  let hall: E2eHall;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; dialogs: string[]; errors: string[] };

  beforeAll(async () => {
    [hall, browser] = await Promise.all([startHall(HALL, demoHall), launchBrowser()]);
    const device = hall.admin.as(hall.tokens.device.token);
    for (const [i, date] of DAYS.entries()) {
      const events = generateHallDay({ hall: demoHall, hallId: HALL, date, seed: 31 + i, params: demoSimParams });
      for (let k = 0; k < events.length; k += 500) {
        const res = await device.request<IngestResponse>("POST", `/api/halls/${HALL}/events`, events.slice(k, k + 500));
        if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
        const refused = res.body.results.filter((r) => r.status !== "accepted");
        if (refused.length) throw new Error(`events refused: ${JSON.stringify(refused.slice(0, 3))}`);
      }
    }
    // The daily rollups the staffing reads are computed in the background.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await hall.admin.request<{ pendingDays: number }>("GET", `/api/halls/${HALL}/history/status`);
      if (res.status === 200 && res.body.pendingDays === 0) break;
      if (Date.now() > deadline) throw new Error(`rollups not done: ${JSON.stringify(res.body)}`);
      await sleep(200);
    }
    admin = await newPage(browser, VIEWPORTS.admin);
  });
  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  it("人员配置: the loaded weekday's hours with Chinese category names, red where understaffed; CSV with a BOM", async () => {
    const { page } = admin;
    await page.goto(`${hall.server.url}/admin/staffing?token=${hall.tokens.admin.token}`);
    await page.locator('[data-test="staffing-matrix"]').waitFor();
    // Two weeks of data: count them as two weeks.
    await page.locator('[data-test="weeks"]').fill("2");
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/halls/${HALL}/staffing?weeks=2&target=0.8`) && r.status() === 200),
      page.locator('[data-test="weeks"]').dispatchEvent("change"),
    ]);
    await page.locator(`[data-test="weekday-${WEEKDAY}"]`).click();
    const matrix = page.locator(`[data-test="staffing-matrix"][data-weekday="${WEEKDAY}"]`);
    await matrix.waitFor();
    await page.waitForFunction(() => !document.querySelector(".busy"));

    const categories = await matrix.locator("tbody th").allInnerTexts();
    expect(categories).toEqual(expect.arrayContaining(["不动产登记", "社会保险", "卫生健康"]));
    expect(categories.some((c) => /^[a-z-]+$/.test(c))).toBe(false);
    const hours = await matrix.locator("thead th.hour").allInnerTexts();
    expect(hours[0]).toBe("8–9 点");
    // The planted imbalance: 不动产登记 needs more windows than its two at its busiest hours.
    const estateUnder = matrix.locator('tr[data-category-row="real-estate"] [data-status="under"]');
    expect(await estateUnder.count()).toBeGreaterThan(0);
    const title = (await estateUnder.first().getAttribute("title")) ?? "";
    expect(title).toMatch(new RegExp(`^${WEEKDAY_NAMES[WEEKDAY]} \\d+–\\d+ 点 不动产登记：需要 \\d+ 个窗口，实际 [\\d.]+ 个$`));
    expect(await estateUnder.first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(90, 26, 23)");
    await expect(page.locator('[data-test="cell-detail"]').textContent()).resolves.toMatch(/需要 \d+ 个窗口，实际/);
    await page.locator('[data-test="staffing-chart"] canvas').waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="export-csv"]').click()]);
    expect(download.suggestedFilename()).toBe(`staffing-${HALL}-2w-80.csv`);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("星期,时段,业务编号,业务,每小时到达,平均办理(秒),需要窗口,实际开放窗口");
    expect(csv).toContain("不动产登记");
    expect(csv).toContain(`\n${["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"][WEEKDAY]},10–11 点,real-estate,不动产登记,`);

    await page.waitForTimeout(700); // the chart's entry animation
    await shoot(page, "admin-staffing");
  });

  it("模拟调配: 不动产登记 at the 卫生健康局 windows lowers its average wait; a bad interval shows the server's error there", async () => {
    const { page, dialogs, errors } = admin;
    await page.locator('[data-test="nav-whatif"]').click();
    await page.locator('[data-test="allocation-editor"]').waitFor();
    await page.locator('[data-test="advice-panel"]').waitFor();
    expect(await page.locator("tr[data-window]").count()).toBe(demoHall.windows.length);
    expect(await page.locator('[data-test="whatif-date"]').inputValue()).toBe(addDays(TODAY, -1));

    await page.locator('[data-test="whatif-date"]').fill(LATER);
    const health = demoHall.windows.filter((w) => w.categories.includes("health")).map((w) => w.id);
    expect(health.length).toBeGreaterThan(0);
    for (const id of health) {
      const row = page.locator(`tr[data-window="${id}"]`);
      await expect(row.locator(".w-dept").textContent()).resolves.toBe("卫生健康局");
      await row.locator(`[data-test="pick-${id}"] summary`).click();
      await row.locator('input[data-category="real-estate"]').check();
      await page.keyboard.press("Escape");
      await row.locator('[data-chip="real-estate"].added').waitFor();
    }
    await expect(page.locator('[data-test="changed-count"]').textContent()).resolves.toContain(`已调整 ${health.length} 个窗口`);

    await page.locator('[data-test="whatif-run"]').click();
    const result = page.locator(`[data-test="whatif-result"][data-date="${LATER}"]`);
    await result.waitFor({ timeout: 30_000 });
    const estate = result.locator('tr[data-result-category="real-estate"]');
    await expect(estate.locator(".name").textContent()).resolves.toBe("不动产登记");
    const actual = Number(await estate.locator('[data-test="avg-actual"]').textContent());
    const predicted = Number(await estate.locator('[data-test="avg-predicted"]').textContent());
    expect(actual).toBeGreaterThan(0);
    expect(predicted).toBeLessThan(actual);
    expect(await estate.locator('[data-test="avg-diff"]').getAttribute("data-tone")).toBe("lower");
    await expect(estate.locator('[data-test="avg-diff"]').textContent()).resolves.toMatch(/^−\d+\.\d$/);
    await expect(result.locator('[data-test="tolerance"]').textContent()).resolves.toContain("40% 或 3 分钟");
    await result.locator('[data-test="waits-chart"] canvas').waitFor();
    await result.locator('[data-test="util-chart"] canvas').waitFor();
    await page.waitForTimeout(900); // charts drawn
    await shoot(page, "admin-whatif");

    // 导出 CSV: the same request again with ?format=csv, saved as a download with the BOM intact.
    const [download, exportResponse] = await Promise.all([
      page.waitForEvent("download"),
      page.waitForResponse((r) => r.url().endsWith(`/api/halls/${HALL}/whatif?format=csv`)),
      result.locator('[data-test="whatif-export-csv"]').click(),
    ]);
    expect(exportResponse.status()).toBe(200);
    const sent = exportResponse.request().postDataJSON() as { date: string; allocation: { windows: { id: string; categories: string[] }[] } };
    expect(sent.date).toBe(LATER);
    expect(sent.allocation.windows.map((w) => w.id)).toEqual(health);
    expect(sent.allocation.windows.every((w) => w.categories.includes("real-estate"))).toBe(true);
    expect(download.suggestedFilename()).toBe(`whatif-${HALL}-${LATER}.csv`);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("类型,编号,名称,实际平均等候(分钟)");
    expect(csv).toContain("不动产登记");

    // An interval that ends before it starts: the server's 400 names it, the page shows it right there.
    const first = demoHall.windows[0]!.id;
    await page.locator(`[data-test="add-interval-${first}"]`).click();
    await page.locator(`[data-test="from-${first}-0"]`).fill("12:00");
    await page.locator(`[data-test="to-${first}-0"]`).fill("09:00");
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/halls/${HALL}/whatif`)), page.locator('[data-test="whatif-run"]').click()]);
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: { field: string } };
    // The first window comes first in the request (the hall's order): allocation.windows.0.open.0.
    expect(body.error.field).toBe("allocation.windows.0.open.0");
    const fieldError = page.locator(`tr[data-window="${first}"] [data-field-error="${first}.open.0"]`);
    await expect(fieldError.textContent()).resolves.toBe("结束时间须晚于开始时间");
    expect(await page.locator(`[data-test="to-${first}-0"]`).getAttribute("aria-invalid")).toBe("true");
    await page.locator('[data-test="whatif-field-failed"]').waitFor();
    await page.waitForTimeout(600); // scrolled to the field
    await page.screenshot({ path: path.join(ROOT, "test-results", "screenshots", "admin-whatif-error.png") });
    await page.locator(`[data-test="remove-${first}-0"]`).click();
    await fieldError.waitFor({ state: "detached" });

    expect(dialogs).toEqual([]);
    expect(errors.filter((e) => !isDeliberate400(e))).toEqual([]);
    expect(errors.filter(isDeliberate400)).toHaveLength(1);
  });

  it("调配建议 from history: a loaded day's advice (or none), said to be for that day, applied on that day", async () => {
    const { page, dialogs, errors } = admin;
    const panel = page.locator('[data-test="advice-panel"]');
    await expect(panel.locator('[data-test="advice-for"]').getAttribute("data-basis")).resolves.toBe("live");
    // The default day is the what-if date being edited: the loaded day replayed above.
    expect(await page.locator('[data-test="whatif-date"]').inputValue()).toBe(LATER);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/halls/${HALL}/rebalance?date=${LATER}`)),
      panel.locator('[data-test="advice-basis-history"]').click(),
    ]);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { advice: { windowId: string; categoryId: string }[] };
    expect(await panel.locator('[data-test="advice-date"]').inputValue()).toBe(LATER);
    const shownFor = panel.locator(`[data-test="advice-for"][data-basis="history"][data-date="${LATER}"]`);
    await shownFor.waitFor();
    await expect(shownFor.textContent()).resolves.toBe(`历史 · ${LATER}`);
    await page.waitForFunction(() => !document.querySelector('[data-test="advice-loading"]'));

    if (body.advice.length === 0) {
      // The demo hall's day may well have nothing to suggest: the panel says so, for that day.
      await expect(panel.locator('[data-test="advice-empty"]').textContent()).resolves.toBe(`${LATER} 没有调配建议：当天各业务的平均等候都未超过目标，或没有可以协助的空闲窗口。`);
      expect(await panel.locator('[data-test="advice-line"]').count()).toBe(0);
    } else {
      expect(await panel.locator('[data-test="advice-line"]').count()).toBe(body.advice.length);
      const first = body.advice[0]!;
      // The editor elsewhere: applying puts it back on the advice's day, with the window taking the category.
      await page.locator('[data-test="whatif-date"]').fill(DAYS[0]!);
      await panel.locator(`[data-advice="${first.windowId}|${first.categoryId}"] [data-test="advice-apply"]`).click();
      expect(await page.locator('[data-test="whatif-date"]').inputValue()).toBe(LATER);
      await page.locator(`tr[data-window="${first.windowId}"] [data-chip="${first.categoryId}"].added`).waitFor();
      await expect(panel.locator(`[data-advice="${first.windowId}|${first.categoryId}"] [data-test="advice-applied"]`).textContent()).resolves.toContain(`已加入模拟（${LATER}）`);
    }
    await page.screenshot({ path: path.join(ROOT, "test-results", "screenshots", "admin-whatif-advice-history.png") });

    // Back to live: the request without a date.
    const [live] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/halls/${HALL}/rebalance`)),
      panel.locator('[data-test="advice-basis-live"]').click(),
    ]);
    expect(live.status()).toBe(200);
    await panel.locator('[data-test="advice-for"][data-basis="live"]').waitFor();

    expect(dialogs).toEqual([]);
    expect(errors.filter((e) => !isDeliberate400(e))).toEqual([]);
  });
});
