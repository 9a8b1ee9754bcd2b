// The province overview (/overview, issue #11) in a real Chromium (1280×800) against the real server:
// three halls with different loads, an overseer token adopted from ?token=, the halls ranked worst first
// with their figures and drill-down links; a hall's own admin token is refused at the sign-in form; the
// figures arrive pushed on the /overview socket: one more ticket in a hall shows on the open page within
// seconds, with no reload and no HTTP read. No console error, no JavaScript dialog. Screenshot:
// test-results/screenshots/overview.png (and /tmp/shots/overview/ when SHOTS_DIR is set, for review).
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfLocalDay, type HallConfig, type HallEvent } from "../../contract/index.js";
import { EventFactory, testHallSpanningToday } from "../helpers/hall-fixture.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const MIN = 60_000;
const NOW = Date.now();
// The events reach 40 minutes back, all in the halls' today (Asia/Dubai in the first hour of a Shanghai day).
const HALL = testHallSpanningToday(45 * MIN, NOW);
const BASE = Math.max(Math.floor((NOW - 40 * MIN) / MIN) * MIN, startOfLocalDay(NOW, HALL.timezone) + MIN);

const HALLS: { id: string; name: string; events: (f: EventFactory) => HallEvent[] }[] = [
  {
    // Calm: one window, two quick calls, one waiting.
    id: "ov-east",
    name: "城东政务服务中心",
    events: (f) => [
      f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }),
      f.make(0, { type: "ticket.issued", ticketId: "c1", ticketNo: "C001", categoryId: "social", channel: "kiosk" }),
      f.make(3, { type: "ticket.called", ticketId: "c1", windowId: "w1" }),
      f.make(30, { type: "ticket.issued", ticketId: "c2", ticketNo: "C002", categoryId: "social", channel: "kiosk" }),
    ],
  },
  {
    // Slow: 4 called, 1 within the 20-min target; 5 waiting since minute 2.
    id: "ov-west",
    name: "城西便民服务大厅",
    events: (f) => {
      const out: HallEvent[] = [f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" })];
      [5, 25, 30, 35].forEach((m, i) => {
        out.push(f.make(0, { type: "ticket.issued", ticketId: `b${i}`, ticketNo: `B00${i}`, categoryId: "social", channel: "kiosk" }));
        out.push(f.make(m, { type: "ticket.called", ticketId: `b${i}`, windowId: "w1" }));
      });
      for (let i = 1; i <= 5; i += 1) out.push(f.make(2, { type: "ticket.issued", ticketId: `q${i}`, ticketNo: `Q00${i}`, categoryId: "social", channel: "kiosk" }));
      return out;
    },
  },
  {
    // Imbalanced: w1 busy throughout, w2 idle.
    id: "ov-hitech",
    name: "高新区政务服务中心",
    events: (f) => [
      f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }),
      f.make(0, { type: "window.opened", windowId: "w2", staffId: "s2" }),
      f.make(0, { type: "ticket.issued", ticketId: "h1", ticketNo: "H001", categoryId: "social", channel: "kiosk" }),
      f.make(1, { type: "ticket.called", ticketId: "h1", windowId: "w1" }),
      f.make(1, { type: "service.started", ticketId: "h1", windowId: "w1" }),
    ],
  },
];

describe("province overview page", () => {
  let hall: E2eHall;
  let browser: Browser;
  let overseer: string;

  beforeAll(async () => {
    const first = HALLS[0]!;
    [hall, browser] = await Promise.all([startHall(first.id, { ...HALL, name: first.name } as HallConfig), launchBrowser()]);
    for (const h of HALLS) {
      if (h !== first) expect((await hall.admin.putHall(h.id, { ...HALL, name: h.name })).status).toBe(201);
      const res = await hall.admin.postEvents(h.id, h.events(new EventFactory(h.id, BASE, `${h.id}-`)));
      expect(res.status).toBe(200);
      for (const r of res.body.results) expect(r.status, JSON.stringify(r)).toBe("accepted");
    }
    const made = await hall.admin.createToken({ role: "overseer" });
    expect(made.status).toBe(201);
    overseer = made.body.token;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  it("ranks every hall worst first, with figures, cues and links to each hall's wall and admin pages", async () => {
    const { context, page, dialogs, errors } = await newPage(browser, VIEWPORTS.admin);
    await page.goto(`${hall.server.url}/overview?token=${overseer}`);
    await page.waitForSelector("[data-test=overview-table] tbody tr");
    // The token left the address bar.
    expect(new URL(page.url()).search).toBe("");
    // The published views settle within a heartbeat; the page gets the figures pushed (at least every 10 s).
    await page.waitForFunction(
      () => document.querySelectorAll("[data-test=overview-table] tbody tr").length === 3 && document.querySelector("tr[data-hall=ov-west] [data-test=waiting]")?.textContent?.trim() === "5",
      undefined,
      { timeout: 25_000 },
    );
    const order = await page.$$eval("[data-test=overview-table] tbody tr", (rows) => rows.map((r) => r.getAttribute("data-hall")));
    expect(order).toEqual(["ov-hitech", "ov-west", "ov-east"]);
    const hitech = page.locator("tr[data-hall=ov-hitech]");
    expect(await hitech.locator("[data-test=imbalance]").textContent()).toContain("不均");
    expect(await hitech.getAttribute("class")).toContain("row-bad");
    const west = page.locator("tr[data-hall=ov-west]");
    expect((await west.locator("[data-test=share]").textContent())?.trim()).toBe("25%");
    expect((await west.locator("[data-test=waiting]").textContent())?.trim()).toBe("5");
    expect(await west.textContent()).toContain("城西便民服务大厅");
    expect(await west.locator("[data-test=wall-link]").getAttribute("href")).toBe("/wall/ov-west");
    expect(await west.locator("[data-test=admin-link]").getAttribute("href")).toBe("/admin/config?hall=ov-west");
    // The province's totals above the table: one hall of three imbalanced, 1 + 5 + 0 waiting, the longest
    // wait in 城西 (past its target).
    const totals = page.locator("[data-test=overview-totals]");
    expect((await totals.locator("[data-test=totals-imbalanced]").textContent())?.replace(/\s+/g, "")).toBe("1/3");
    expect((await totals.locator("[data-test=totals-waiting]").textContent())?.trim()).toBe("6");
    expect(await totals.textContent()).toContain("城西便民服务大厅");
    expect(await totals.locator("[data-test=totals-oldest]").getAttribute("class")).toContain("cue-text-bad");
    // No ticket number of any hall reaches the page.
    expect(await page.locator("body").textContent()).not.toMatch(/[BCHQ]00\d/);

    // The connection cue beside "updated at" says the figures are live.
    const cue = await page.waitForSelector("[data-test=live][data-live=on]", { timeout: 15_000 });
    expect((await cue.textContent())?.trim()).toBe("实时");

    await page.mouse.move(1270, 790);
    const file = await screenshot(page, "overview");
    if (process.env.SHOTS_DIR) {
      fs.mkdirSync(process.env.SHOTS_DIR, { recursive: true });
      fs.copyFileSync(file, path.join(process.env.SHOTS_DIR, "overview.png"));
    }

    // Drill-down: the admin link chooses that hall for the admin pages.
    await west.locator("[data-test=admin-link]").click();
    await page.waitForURL(/\/admin\/config/);
    expect(await page.evaluate(() => localStorage.getItem("hallpulse.admin.hall"))).toBe("ov-west");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("refuses a hall's own admin token at the sign-in form, with the reason", async () => {
    const { context, page, dialogs, errors } = await newPage(browser, VIEWPORTS.admin);
    await page.goto(`${hall.server.url}/overview`);
    await page.fill("#ov-signin-token", hall.tokens.admin.token);
    await page.click("[data-test=overview-signin] button[type=submit]");
    const refusal = await page.waitForSelector("[data-test=signin-error]");
    expect(await refusal.textContent()).toContain("只属于单个大厅");
    expect(await page.locator("[data-test=overview-table]").count()).toBe(0);
    await page.mouse.move(1270, 790);
    const file = await screenshot(page, "overview-denied");
    if (process.env.SHOTS_DIR) fs.copyFileSync(file, path.join(process.env.SHOTS_DIR, "overview-denied.png"));
    expect(dialogs).toEqual([]);
    // The refused request itself is the one console error (403).
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    await context.close();
  }, 60_000);

  it("shows one more waiting ticket live, without reload and without reading over HTTP", async () => {
    const { context, page, dialogs, errors } = await newPage(browser, VIEWPORTS.admin);
    await page.goto(`${hall.server.url}/overview?token=${overseer}`);
    const waiting = () => page.locator("tr[data-hall=ov-east] [data-test=waiting]").textContent().then((t) => t?.trim());
    await page.waitForFunction(() => document.querySelector("tr[data-hall=ov-east] [data-test=waiting]")?.textContent?.trim() === "1", undefined, { timeout: 25_000 });
    const cue = await page.waitForSelector("[data-test=live][data-live=on]", { timeout: 15_000 });
    expect((await cue.textContent())?.trim()).toBe("实时");
    // Proof of the push rather than a read or a reload: a mark on the page that a reload would lose, and
    // every HTTP read of the overview from here on counted (while connected there must be none).
    await page.evaluate(() => ((window as unknown as { __ovMark: number }).__ovMark = 1));
    const reads: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/overview") reads.push(r.url());
    });

    const f = new EventFactory("ov-east", Date.now(), "ov-east-live-");
    const res = await hall.admin.postEvents("ov-east", [f.make(0, { type: "ticket.issued", ticketId: "c3", ticketNo: "C003", categoryId: "social", channel: "kiosk" })]);
    expect(res.status).toBe(200);
    for (const r of res.body.results) expect(r.status, JSON.stringify(r)).toBe("accepted");
    const sent = Date.now();
    // Well under the 10 s fallback: only a push can bring it this soon.
    await page.waitForFunction(() => document.querySelector("tr[data-hall=ov-east] [data-test=waiting]")?.textContent?.trim() === "2", undefined, { timeout: 6_000 });
    const tookMs = Date.now() - sent;
    expect(tookMs).toBeLessThan(6_000);
    expect(await waiting()).toBe("2");
    // The totals follow the same push.
    expect((await page.locator("[data-test=totals-waiting]").textContent())?.trim()).toBe("7");
    expect(reads).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __ovMark?: number }).__ovMark)).toBe(1);
    expect((await page.locator("[data-test=live]").textContent())?.trim()).toBe("实时");
    // Still no ticket number of any hall on the page.
    expect(await page.locator("body").textContent()).not.toMatch(/[BCHQ]00\d/);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
