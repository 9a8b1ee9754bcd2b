// The overseer's drill-down from the province overview (issue #11) in a real Chromium against the real
// server: with only an overseer token (adopted from ?token= on /overview), the wall link opens the hall's
// wall (1920×1080) live over /display, and the admin link opens its admin pages read-only (1280×800): the
// configuration and 历史分析 render the hall's data, with a "只读 · 省级总览" note, a way back to the
// overview, no save / rebuild / new-hall control and no admin-only or writing page in the navigation.
// No JavaScript dialog and no console error — a read the server refuses (403) would show up as one.
// Screenshots: test-results/screenshots/overseer-{overview,wall,config,history}.png (and SHOTS_DIR when set, for review).
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate, startOfLocalDay, type HallConfig, type HallEvent } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";
import { awayFromLocalMidnight } from "../helpers/local-midnight.js";

// Today's scenario below needs its minutes to have passed since the hall's local midnight.
await awayFromLocalMidnight(demoHall.timezone, 25);

const HALL = "dd-qingxi";
const OTHER = "dd-east";
const TZ = demoHall.timezone;
const MIN = 60_000;
const NOW = Date.now();
const BASE = Math.max(Math.floor((NOW - 30 * MIN) / MIN) * MIN, startOfLocalDay(NOW, TZ) + MIN);

const addDays = (date: string, n: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const isWeekday = (date: string) => [1, 2, 3, 4, 5].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
/** A past weekday inside 历史分析's default period (the 7 days ending yesterday) whose next day is past too. */
const PAST_DAY = Array.from({ length: 5 }, (_, i) => addDays(localDate(NOW, TZ), -2 - i)).find(isWeekday) as string;

/** Today, live: two windows open, w01 serving A001, three more waiting. */
function todayEvents(f: EventFactory): HallEvent[] {
  const out: HallEvent[] = [
    f.make(0, { type: "window.opened", windowId: "w01", staffId: "s-01" }),
    f.make(0, { type: "window.opened", windowId: "w02", staffId: "s-02" }),
    f.make(1, { type: "ticket.issued", ticketId: "t1", ticketNo: "A001", categoryId: "social-insurance", channel: "kiosk" }),
    f.make(4, { type: "ticket.called", ticketId: "t1", windowId: "w01" }),
    f.make(5, { type: "service.started", ticketId: "t1", windowId: "w01" }),
  ];
  for (let i = 2; i <= 4; i += 1) out.push(f.make(6, { type: "ticket.issued", ticketId: `t${i}`, ticketNo: `A00${i}`, categoryId: "social-insurance", channel: "kiosk" }));
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(5, 5);
  await page.waitForTimeout(900);
  const file = await screenshot(page, name);
  if (process.env.SHOTS_DIR) {
    fs.mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    fs.copyFileSync(file, path.join(process.env.SHOTS_DIR, `${name}.png`));
  }
}

describe("overseer drill-down from the province overview", () => {
  let hall: E2eHall;
  let browser: Browser;
  let overseer: string;

  beforeAll(async () => {
    [hall, browser] = await Promise.all([startHall(HALL, demoHall), launchBrowser()]);
    const device = hall.admin.as(hall.tokens.device.token);
    const past = generateHallDay({ hall: demoHall, hallId: HALL, date: PAST_DAY, seed: 20_261_125 });
    for (let i = 0; i < past.length; i += 500) {
      const res = await device.postEvents(HALL, past.slice(i, i + 500));
      expect(res.status).toBe(200);
      expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
    }
    const live = await device.postEvents(HALL, todayEvents(new EventFactory(HALL, BASE, "dd-")));
    expect(live.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
    expect((await hall.admin.putHall(OTHER, { ...testHall, name: "城东政务服务中心" } as HallConfig)).status).toBe(201);
    // The rollups of the past day settle (…/history/status until nothing is pending).
    const deadline = Date.now() + 80_000;
    for (;;) {
      const res = await hall.admin.request<{ pendingDays: number }>("GET", `/api/halls/${HALL}/history/status`);
      expect(res.status).toBe(200);
      if (res.body.pendingDays === 0) break;
      if (Date.now() > deadline) throw new Error(`rollups not settled: ${JSON.stringify(res.body)}`);
      await sleep(200);
    }
    const made = await hall.admin.createToken({ role: "overseer" });
    expect(made.status).toBe(201);
    overseer = made.body.token;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  it("opens a hall's wall live and its admin pages read-only, with the overseer's token alone", async () => {
    const { context, page, dialogs, errors } = await newPage(browser, VIEWPORTS.admin);
    await page.goto(`${hall.server.url}/overview?token=${overseer}`);
    const row = page.locator(`tr[data-hall=${HALL}]`);
    await row.locator("[data-test=waiting]").filter({ hasText: "3" }).waitFor({ timeout: 25_000 });
    expect(await page.locator("[data-test=overview-table] tbody tr").count()).toBe(2);
    await shoot(page, "overseer-overview");

    // The wall link: no wall token on this PC, the overview's token opens /display for this hall.
    await page.setViewportSize(VIEWPORTS.wall);
    await row.locator("[data-test=wall-link]").click();
    await page.waitForURL(new RegExp(`/wall/${HALL}$`));
    await page.getByTestId("wall").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("hall-name").innerText()).toBe(demoHall.name);
    expect(await page.locator(".tile").count()).toBe(demoHall.windows.length);
    await page.locator('[data-window="w01"] [data-testid=ticket]').filter({ hasText: "A001" }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("not-paired").count()).toBe(0);
    expect(await page.locator("body").innerText()).not.toMatch(/NaN|undefined/);
    await shoot(page, "overseer-wall");

    // The admin link: the configuration of that hall, read-only.
    await page.goto(`${hall.server.url}/overview`);
    await page.setViewportSize(VIEWPORTS.admin);
    await page.locator(`tr[data-hall=${HALL}] [data-test=admin-link]`).click();
    await page.waitForURL(/\/admin\/config/);
    await page.locator("[data-test=config-form]").waitFor();
    expect(await page.locator("[data-test=role]").innerText()).toBe("只读 · 省级总览");
    expect(await page.locator("[data-test=overseer-note]").innerText()).toContain("只读 · 省级总览");
    expect(await page.locator("[data-test=back-overview]").getAttribute("href")).toBe("/overview");
    expect(await page.locator("#adm-hall-picker").inputValue()).toBe(HALL);
    const values = await page.locator("[data-test=config-form] input").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values).toContain(demoHall.name);
    expect(await page.locator("fieldset.adm-fieldset").first().getAttribute("disabled")).not.toBeNull();
    for (const control of ["save", "discard", "new-hall", "add-window", "add-category"]) expect(await page.locator(`[data-test=${control}]`).count(), control).toBe(0);
    for (const nav of ["tokens", "quarantine", "whatif"]) expect(await page.locator(`[data-test=nav-${nav}]`).count(), nav).toBe(0);
    await shoot(page, "overseer-config");

    // 历史分析: the past day's window rows, and no rebuild.
    await page.locator("[data-test=nav-history]").click();
    await page.locator("[data-test=history-page]").waitFor();
    await page.locator("[data-test=history-table] tbody tr").first().waitFor({ timeout: 15_000 });
    const served = (await page.locator("[data-test=history-table] [data-col=served]").allTextContents()).map(Number);
    expect(served.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(await page.locator("[data-test=rebuild]").count()).toBe(0);
    await shoot(page, "overseer-history");

    // The what-if simulation (a POST) is not offered, even by its address.
    await page.goto(`${hall.server.url}/admin/whatif`);
    await page.locator("[data-test=overseer-not-here]").waitFor();
    expect(await page.locator("[data-test=whatif-run]").count()).toBe(0);

    // Back to the overview from the header.
    await page.locator("[data-test=back-overview]").click();
    await page.locator("[data-test=overview-table]").waitFor();

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
