// The wall's floor alerts in Chromium (issue #9): an open window with people waiting in its category that
// has called nobody for longer than the idle threshold says so on its tile, with how long, and a window
// that is busy does not. Screenshot at 1920×1080 for review.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallConfig, HallEvent } from "../../contract/index.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const HALL_ID = "wall-floor-e2e";
const MIN = 60_000;
const hallConfig: HallConfig = {
  name: "空闲提示测试大厅",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "social", name: "社会保险", itemCodes: [] },
    { id: "estate", name: "不动产登记", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号窗口", department: "自然资源局", categories: ["estate"] },
  ],
  targets: { waitMinutes: 20, idleMinutes: 5 },
};

describe("wall: idle while people wait", () => {
  let hall: E2eHall;
  let browser: Browser;

  beforeAll(async () => {
    [hall, browser] = await Promise.all([startHall(HALL_ID, hallConfig), launchBrowser()]);
    const now = Date.now();
    let n = 0;
    const at = (minutes: number, fields: Record<string, unknown>) => ({ id: `wf-${++n}`, hallId: HALL_ID, ts: new Date(now + minutes * MIN).toISOString(), ...fields }) as HallEvent;
    const events: HallEvent[] = [
      at(-30, { type: "window.opened", windowId: "w1", staffId: "s1" }),
      at(-30, { type: "window.opened", windowId: "w2", staffId: "s2" }),
      // w1: three people waiting in its category since 12 minutes ago, nobody called since.
      at(-12, { type: "ticket.issued", ticketId: "t1", ticketNo: "A001", categoryId: "social", channel: "kiosk" }),
      at(-11, { type: "ticket.issued", ticketId: "t2", ticketNo: "A002", categoryId: "social", channel: "kiosk" }),
      at(-10, { type: "ticket.issued", ticketId: "t3", ticketNo: "A003", categoryId: "social", channel: "kiosk" }),
      // w2: serving its only ticket.
      at(-4, { type: "ticket.issued", ticketId: "t4", ticketNo: "B001", categoryId: "estate", channel: "kiosk" }),
      at(-3, { type: "ticket.called", ticketId: "t4", windowId: "w2" }),
      at(-3, { type: "service.started", ticketId: "t4", windowId: "w2" }),
    ];
    const res = await hall.admin.postEvents(HALL_ID, events);
    expect(res.body.results.every((r) => r.status === "accepted")).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  it("says on the idle window's tile that people wait and for how long, and nothing on the busy one", async () => {
    const { page, errors, dialogs, context } = await newPage(browser, VIEWPORTS.wall);
    await page.goto(`${hall.server.url}/wall/${HALL_ID}?token=${hall.tokens.display.token}`);
    const w1 = page.locator('[data-window="w1"]');
    await w1.getByTestId("idle-while-waiting").waitFor({ timeout: 15_000 });
    // The minutes since the quiet stretch began, as the live view's floor section reports it.
    const load = await hall.admin.load(HALL_ID);
    const idle = load.body.floor?.idle.find((i) => i.windowId === "w1");
    expect(idle?.lastActivityAt).toBeTruthy();
    const minutes = (Date.now() - Date.parse(idle?.lastActivityAt ?? "")) / MIN;
    const shown = Number(/有人等候 · (\d+) 分钟未叫号/.exec(await w1.getByTestId("idle-while-waiting").innerText())?.[1]);
    expect(Math.abs(shown - minutes)).toBeLessThan(1.5);
    expect(shown).toBeGreaterThanOrEqual(9);
    expect(await page.locator('[data-window="w2"]').getByTestId("idle-while-waiting").count()).toBe(0);
    await page.waitForTimeout(800);
    await screenshot(page, "wall-idle-while-waiting");
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
