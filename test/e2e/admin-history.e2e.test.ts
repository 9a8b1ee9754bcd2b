// 历史分析, 热力图 and 月度通报 in a real Chromium (1280×800) against the real server: the demo hall with four
// recent past weekdays (inside the default period: the 7 days ending yesterday) and one weekday of the
// month before, simulated by the simulator and sent by the hall's device over HTTP in batches of 500; the
// rollup worker settles (…/history/status until nothing is pending). Then: the window rows with their
// Chinese names, switching the grouping, the CSV download (UTF-8 BOM) and the XLSX, the two heatmaps and a
// PNG export, the monthly rankings of the loaded month with the bottom-two-months list, and the print
// layout without the navigation — with no JavaScript dialog and no console error.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate, type HallEvent } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { ROOT } from "../helpers/server-process.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const HALL = "qingxi-history";
const TZ = "Asia/Shanghai";

const addDays = (date: string, n: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const isWeekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
};
const previousMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};

/**
 * Four weekdays between 7 and 2 days ago (hall-local): inside the default period, and the "next day" each
 * event also marks is past too, so the worker recomputes them at once (today waits up to 30 s).
 */
const TODAY = localDate(Date.now(), TZ);
const RECENT = Array.from({ length: 6 }, (_, i) => addDays(TODAY, -2 - i)).filter(isWeekday).slice(0, 4).reverse();
/** The report's month (that of the latest loaded day) and a weekday of the month before it. */
const REPORT_MONTH = (RECENT.at(-1) as string).slice(0, 7);
const EARLIER = (() => {
  let d = `${previousMonth(REPORT_MONTH)}-15`;
  while (!isWeekday(d)) d = addDays(d, -1);
  return d;
})();
const DAYS = [EARLIER, ...RECENT];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A screenshot at the top of the page, the pointer off the charts, after their entry animation. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(1010, 140);
  await page.waitForTimeout(900);
  await screenshot(page, name);
}

describe("admin 历史分析 and 月度通报", () => {
  let hall: E2eHall;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; dialogs: string[]; errors: string[] };
  const downloads = path.join(ROOT, "test-results", "downloads");

  async function sendDay(date: string): Promise<number> {
    const events: HallEvent[] = generateHallDay({ hall: demoHall, hallId: HALL, date, seed: 20_261_126 });
    const device = hall.admin.as(hall.tokens.device.token);
    for (let i = 0; i < events.length; i += 500) {
      const res = await device.postEvents(HALL, events.slice(i, i + 500));
      expect(res.status).toBe(200);
      expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
    }
    return events.length;
  }

  async function settled(): Promise<void> {
    const deadline = Date.now() + 80_000;
    for (;;) {
      const res = await hall.admin.request<{ pendingDays: number }>("GET", `/api/halls/${HALL}/history/status`);
      expect(res.status).toBe(200);
      if (res.body.pendingDays === 0) return;
      if (Date.now() > deadline) throw new Error(`rollups not settled: ${JSON.stringify(res.body)}`);
      await sleep(200);
    }
  }

  beforeAll(async () => {
    hall = await startHall(HALL, demoHall);
    for (const d of DAYS) expect(await sendDay(d)).toBeGreaterThan(1000);
    await settled();
    browser = await launchBrowser();
    admin = await newPage(browser, VIEWPORTS.admin);
    fs.mkdirSync(downloads, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  it("shows the windows of the last 7 days by name, switches the grouping, and exports CSV and XLSX", async () => {
    const { page } = admin;
    await page.goto(`${hall.server.url}/admin?token=${hall.tokens.admin.token}`);
    await page.locator('[data-test="config-page"]').waitFor();
    await expect(page.locator('[data-test="nav-history"]').textContent()).resolves.toContain("历史分析");
    await page.locator('[data-test="nav-history"]').click();
    await page.locator('[data-test="history-page"]').waitFor();
    await page.locator('[data-test="history-table"] tbody tr').first().waitFor();

    // The default period: the 7 days ending yesterday, hall-local.
    const yesterday = addDays(TODAY, -1);
    await expect(page.locator('[data-test="period-range"]').textContent()).resolves.toBe(`${addDays(yesterday, -6)} 至 ${yesterday}，共 7 天`);
    expect(await page.locator('[data-preset="week"]').getAttribute("aria-checked")).toBe("true");
    expect(await page.locator('[data-test="pending-notice"]').count()).toBe(0);

    // A row per window that worked in the period, by its configured Chinese name (never the id alone).
    const keys = await page.locator('[data-test="history-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key")));
    const names = await page.locator('[data-test="history-table"] [data-col="key"] .name').allTextContents();
    expect(keys.length).toBeGreaterThan(15);
    expect(names).toEqual(keys.map((k) => demoHall.windows.find((w) => w.id === k)?.name));
    expect(names.every((n) => /^\d+号窗口$/.test(n))).toBe(true);
    const first = keys[0] as string;
    const served = (await page.locator('[data-test="history-table"] [data-col="served"]').allTextContents()).map(Number);
    expect(served.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    await expect(page.locator(`tr[data-key="${first}"] [data-col="utilization"]`).textContent()).resolves.toMatch(/^\d+\.\d%$/);
    await expect(page.locator(`tr[data-key="${first}"] [data-col="waitP50Seconds"]`).textContent()).resolves.toMatch(/^\d+:\d\d$|^—$/);
    expect(await page.locator('[data-test="chart-volume"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test="chart-wait"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test="chart-imbalance"] canvas').count()).toBeGreaterThan(0);

    // Sorting by 办结: the most first.
    await page.locator('[data-sort="served"]').click();
    const sorted = (await page.locator('[data-test="history-table"] [data-col="served"]').allTextContents()).map(Number);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));

    // Grouping: by hour, by department, by weekday (the loaded weekdays only), back to windows.
    await page.locator('[data-group="hour"]').click();
    await page.locator('[data-test="history-table"] th', { hasText: "时段" }).first().waitFor();
    expect(await page.locator('[data-test="history-table"] [data-col="key"]').allTextContents()).toContain("09:00–10:00");
    await page.locator('[data-group="department"]').click();
    await page.locator('[data-test="history-table"] th', { hasText: "部门" }).first().waitFor();
    const departments = await page.locator('[data-test="history-table"] [data-col="key"]').allTextContents();
    expect(new Set(departments)).toEqual(new Set(demoHall.windows.map((w) => w.department)));
    await page.locator('[data-group="weekday"]').click();
    await page.locator('[data-test="history-table"] th', { hasText: "星期" }).first().waitFor();
    const weekdays = await page.locator('[data-test="history-table"] [data-col="key"]').allTextContents();
    expect(weekdays.every((w) => /^周[一二三四五]$/.test(w))).toBe(true);
    await page.locator('[data-group="window"]').click();
    await page.locator('[data-test="history-table"] th', { hasText: "窗口" }).first().waitFor();
    await page.locator(`tr[data-key="${first}"]`).waitFor();

    // CSV: the server's file, UTF-8 with BOM; XLSX: a zip.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="export-csv"]').click()]);
    expect(csv.suggestedFilename()).toBe(`history-${HALL}-window-${addDays(yesterday, -6)}_${yesterday}.csv`);
    const csvFile = path.join(downloads, csv.suggestedFilename());
    await csv.saveAs(csvFile);
    const bytes = fs.readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain(first);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="export-xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxFile = path.join(downloads, xlsx.suggestedFilename());
    await xlsx.saveAs(xlsxFile);
    expect(fs.readFileSync(xlsxFile).subarray(0, 2).toString("latin1")).toBe("PK");

    await page.locator('[data-sort="key"]').click();
    await shoot(page, "admin-history");
  });

  it("draws the two heatmaps and exports one as PNG", async () => {
    const { page } = admin;
    await page.locator('[data-test="tab-heatmap"]').click();
    await page.locator('[data-test="heatmap-arrivals"] canvas').first().waitFor();
    await page.locator('[data-test="heatmap-utilization"] canvas').first().waitFor();
    expect(await page.locator('[data-test="heatmaps"] [role="img"]').count()).toBe(2);
    await expect(page.locator('[data-test="heatmap-arrivals"] h2').textContent()).resolves.toContain("星期 × 时段");
    const [png] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="heatmap-utilization"] [data-test="export-png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/^heatmap-utilization-.*\.png$/);
    const file = path.join(downloads, png.suggestedFilename());
    await png.saveAs(file);
    expect([...fs.readFileSync(file).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await shoot(page, "admin-heatmaps");
  });

  it("ranks windows and departments for the loaded month and prints without the navigation", async () => {
    const { page } = admin;
    await page.locator('[data-test="nav-report"]').click();
    await page.locator('[data-test="report-page"]').waitFor();
    await page.locator('[data-test="month"]').selectOption(REPORT_MONTH);
    const [y, m] = REPORT_MONTH.split("-");
    await page.locator('[data-test="month-text"]', { hasText: `${y} 年 ${Number(m)} 月` }).waitFor();
    // The figures of that month (not those of the default month still shown while it loads).
    await page.locator(`[data-test="report-body"][data-month="${REPORT_MONTH}"] [data-test="rank-window"] tbody tr`).first().waitFor();

    const windows = page.locator('[data-test="rank-window"] tbody tr');
    expect(await windows.count()).toBe(demoHall.windows.length);
    const names = await page.locator('[data-test="rank-window"] [data-test="rank-name"]').allTextContents();
    expect(names.every((n) => /^\d+号窗口$/.test(n))).toBe(true);
    // Ranked by 办结量: the most first, rank 1 on top.
    expect(await page.locator('[data-test="rank-window"] [data-test="rank-no"]').first().textContent()).toBe("1");
    const served = (await page.locator('[data-test="rank-window"] [data-measure="served"] .v').allTextContents()).map(Number);
    expect(served).toEqual([...served].sort((a, b) => b - a));
    expect(served[0]).toBeGreaterThan(0);
    const departments = await page.locator('[data-test="rank-department"] [data-test="rank-name"]').allTextContents();
    expect(new Set(departments)).toEqual(new Set(demoHall.windows.map((w) => w.department)));
    // The bottom two months running: the server's list, shown and marked in the tables.
    const running = await hall.admin.request<{ lastTwoMonthsRunning: unknown[] }>("GET", `/api/halls/${HALL}/report/monthly?month=${REPORT_MONTH}`);
    expect(await page.locator('[data-test="two-months-item"]').count()).toBe(running.body.lastTwoMonthsRunning.length);
    if (running.body.lastTwoMonthsRunning.length > 0) expect(await page.locator('[data-test="running-badge"]').count()).toBeGreaterThan(0);

    // CSV of the report.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="export-csv"]').click()]);
    expect(csv.suggestedFilename()).toBe(`monthly-report-${HALL}-${REPORT_MONTH}.csv`);
    const csvFile = path.join(downloads, csv.suggestedFilename());
    await csv.saveAs(csvFile);
    expect([...fs.readFileSync(csvFile).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    await shoot(page, "admin-report");

    // 打印 opens the browser's print (counted here instead of a dialog).
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.locator('[data-test="print"]').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // The print layout: no navigation, no header bar, no controls; the hall, month and generation time.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav").first().isVisible()).toBe(false);
    expect(await page.locator('[data-test="nav-report"]').isVisible()).toBe(false);
    expect(await page.locator('[data-test="hall-name"], [data-test="hall-picker"]').first().isVisible()).toBe(false);
    expect(await page.locator('[data-test="print"]').isVisible()).toBe(false);
    const head = page.locator('[data-test="print-head"]');
    expect(await head.isVisible()).toBe(true);
    await expect(head.textContent()).resolves.toContain(`${demoHall.name} ${y} 年 ${Number(m)} 月 月度通报`);
    await expect(head.textContent()).resolves.toContain("生成时间：");
    expect(await page.locator('[data-test="rank-window"]').isVisible()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
    const dir = path.join(ROOT, "test-results", "screenshots");
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, "admin-report-print.png"), fullPage: true });
    // About the width of A4 between its margins, to see the printed tables fit.
    await page.setViewportSize({ width: 720, height: 1000 });
    await page.screenshot({ path: path.join(dir, "admin-report-print-a4.png"), fullPage: true });
    await page.setViewportSize(VIEWPORTS.admin);
    await page.pdf({ path: path.join(ROOT, "test-results", "admin-report.pdf"), format: "A4", printBackground: true });
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator('[data-test="nav-report"]').isVisible()).toBe(true);

    expect(admin.dialogs).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});
