// The citizens' public page (issue #10) in a real Chromium at 360×740 against the real server: the demo
// hall replayed up to now, per category the waits and bands, the ticket lookup showing only its own
// place, the monthly open-data page — and nothing private in the DOM or in any network response
// (collected with page.on("response")): no ticket id, case reference, staff id, window id or item code.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfLocalDay, type HallConfig, type HallEvent } from "../../contract/index.js";
import type { PublicHallView } from "../../contract/public.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { IngestClient } from "../../simulator/ingest-client.js";
import { localMidnight } from "../../simulator/local-time.js";
import { launchBrowser, newPage, screenshot, startHall, type E2eHall } from "./harness.js";
import { awayFromLocalMidnight } from "../helpers/local-midnight.js";

// Today's tickets come from the replay's part after the hall's local midnight: some of the day must have passed.
await awayFromLocalMidnight(demoHall.timezone, 25);

declare const document: { body: { innerText: string }; documentElement: { outerHTML: string; scrollWidth: number } };
declare const innerWidth: number;

const MIN = 60_000;
const PHONE = { width: 360, height: 740 };
const SHOTS = "/tmp/shots/public";
const publicDemo: HallConfig = { ...demoHall, public: { enabled: true, minCellCount: 5, licence: "CC BY 4.0" } };

let hall: E2eHall;
let browser: Browser;
const events: HallEvent[] = [];
/** A waiting ticket's number at the end of the replay, and one that was called. */
let waitingNo = "";
let calledNo = "";

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.screenshot({ path: path.join(SHOTS, `${name}-full.png`), fullPage: true });
  await screenshot(page, name);
}

beforeAll(async () => {
  hall = await startHall("placeholder", demoHall);
  expect((await hall.admin.putHall(DEMO_HALL_ID, publicDemo)).status).toBe(201);
  const device = await hall.admin.createToken({ role: "device", hallId: DEMO_HALL_ID });
  // A simulated weekday replayed so that its "now" is the real now (15:00 outside opening hours), and the
  // day before it in full, for the monthly page.
  const now = Date.now();
  const localMinute = Math.floor(((now + 8 * 60 * MIN) % (24 * 60 * MIN)) / MIN);
  const simMinute = localMinute >= 10 * 60 && localMinute <= 16 * 60 + 45 ? localMinute : 15 * 60;
  const simDate = "2026-03-18";
  const shift = now - (localMinute === simMinute ? now % MIN : 0) - (localMidnight(simDate, 480) + simMinute * MIN);
  const gen = (date: string, seed: number, by: number) =>
    generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date, seed, utcOffsetMinutes: 480, idPrefix: `pub-${date}`, params: demoSimParams })
      .map((e) => ({ ...e, ts: new Date(Date.parse(e.ts) + by).toISOString() }) as HallEvent)
      .filter((e) => Date.parse(e.ts) <= now - 1000);
  events.push(...gen("2026-03-17", 3, shift), ...gen(simDate, 7, shift));
  const ingest = new IngestClient({ url: hall.server.url, token: device.body.token });
  try {
    await ingest.connect();
    const results = await ingest.send(events);
    expect(results.filter((r) => r.status !== "accepted")).toEqual([]);
  } finally {
    ingest.close();
  }
  // A ticket still waiting now and one called today, from the replayed events themselves.
  // Numbers restart every local day: only tickets issued since local midnight are today's (outside
  // opening hours the replay's morning falls before midnight).
  const today = events.filter((e) => Date.parse(e.ts) >= startOfLocalDay(now, "Asia/Shanghai"));
  const called = new Set(today.filter((e) => e.type === "ticket.called").map((e) => (e as { ticketId: string }).ticketId));
  const issued = today.filter((e): e is Extract<HallEvent, { type: "ticket.issued" }> => e.type === "ticket.issued");
  waitingNo = issued.filter((e) => !called.has(e.ticketId)).at(-1)?.ticketNo ?? "";
  calledNo = issued.find((e) => called.has(e.ticketId))?.ticketNo ?? "";
  expect(waitingNo).not.toBe("");
  expect(calledNo).not.toBe("");
  // The day rollups of yesterday, for the monthly page.
  const deadline = Date.now() + 60_000;
  while ((await hall.admin.request<{ pendingDays: number }>("GET", `/api/halls/${DEMO_HALL_ID}/history/status`)).body.pendingDays > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  // The floor section (the bands) is recomputed at most every 5 s: wait for the one after the replay.
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const v = await hall.admin.as(null).request<PublicHallView>("GET", `/api/public/halls/${DEMO_HALL_ID}`);
    if (v.body.categories?.some((c) => c.band !== null)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hall?.server.stop();
  hall?.server.remove();
});

/** Every private value of the replay: ticket ids, case references, staff ids, window ids, item codes. */
function privateValues(): string[] {
  const out = new Set<string>();
  for (const e of events) {
    const x = e as Record<string, unknown>;
    for (const k of ["ticketId", "caseRef", "staffId", "itemCode"]) if (typeof x[k] === "string") out.add(x[k] as string);
  }
  for (const w of demoHall.windows) out.add(`"${w.id}"`);
  return [...out];
}

describe("the public page on a phone (360×740)", () => {
  it("shows per category the wait band, the queue and the open windows, and looks up a ticket", async () => {
    const { page, dialogs, errors, context } = await newPage(browser, PHONE);
    const responses: { url: string; body: string }[] = [];
    page.on("response", async (res) => {
      try {
        responses.push({ url: res.url(), body: await res.text() });
      } catch {
        // a redirect or an aborted request has no body
      }
    });
    // The view the page itself received: the floor section (the bands) is recomputed every ≤5 s, so a
    // second read of the API moments later may already differ from what the page shows.
    const viewUrl = `/api/public/halls/${DEMO_HALL_ID}`;
    const received = page.waitForResponse((res) => new URL(res.url()).pathname === viewUrl);
    await page.goto(`${hall.server.url}/public/${DEMO_HALL_ID}`);
    await page.getByTestId("public-hall-name").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("public-hall-name").innerText()).toBe(demoHall.name);
    expect(await page.getByTestId("public-category").count()).toBe(demoHall.categories.length);

    // The page shows what the API says: the same bands and queues (the page refreshes every 10 s).
    const api = (await (await received).json()) as PublicHallView;
    const withBand = api.categories.filter((c) => c.band !== null);
    expect(withBand.length).toBeGreaterThan(0);
    for (const c of withBand) {
      const card = page.locator(`[data-category="${c.categoryId}"]`);
      expect(await card.getByTestId("public-band").innerText()).toBe(c.band!.lowMinutes === 0 ? `${c.band!.highMinutes} 分钟内` : `${c.band!.lowMinutes}–${c.band!.highMinutes} 分钟`);
    }
    const busiest = [...api.categories].sort((a, b) => b.waiting - a.waiting)[0]!;
    expect(await page.locator(`[data-category="${busiest.categoryId}"]`).getByTestId("public-waiting").innerText()).toBe(`${busiest.waiting} 人`);
    expect(await page.getByTestId("public-open").getAttribute("data-status")).toBe(api.open.status);
    // No horizontal scrolling at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await shot(page, "public-phone");

    // The ticket lookup: its own place only.
    await page.getByTestId("public-ticket-input").fill(waitingNo.toLowerCase());
    await page.getByTestId("public-ticket-submit").click();
    const result = page.getByTestId("public-ticket-result");
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain(waitingNo);
    expect(text).toMatch(/前面还有 \d+ 人|下一个就轮到您/);
    await shot(page, "public-phone-ticket");
    await page.getByTestId("public-ticket-input").fill(calledNo);
    await page.getByTestId("public-ticket-submit").click();
    await result.filter({ hasText: "已经叫号" }).waitFor();
    await page.getByTestId("public-ticket-input").fill("Z-NOPE");
    await page.getByTestId("public-ticket-submit").click();
    await result.filter({ hasText: "没有找到" }).waitFor();

    // English.
    await page.getByTestId("public-lang").click();
    await page.getByText("Expected wait").first().waitFor();

    // Nothing private anywhere: not in the DOM, not in any response the page received.
    const dom = await page.evaluate(() => document.documentElement.outerHTML);
    const apiBodies = responses.filter((r) => r.url.includes("/api/")).map((r) => r.body);
    expect(apiBodies.length).toBeGreaterThanOrEqual(4);
    const secrets = privateValues();
    expect(secrets.length).toBeGreaterThan(500);
    for (const s of secrets) {
      expect(dom.includes(s), `DOM contains ${s}`).toBe(false);
      for (const b of apiBodies) expect(b.includes(s), `a response contains ${s}`).toBe(false);
    }
    for (const b of apiBodies) for (const key of ["ticketId", "caseRef", "staffId", "windowId"]) expect(b).not.toContain(key);
    // The public page loads neither the admin/wall app nor a chart library.
    const scripts = responses.filter((r) => r.url.endsWith(".js")).map((r) => r.url);
    expect(scripts.some((u) => /main-|palette-|echarts|socket-/.test(u))).toBe(false);
    expect(dialogs).toEqual([]);
    // The unknown number's lookup is a 404 the browser logs; nothing else may fail.
    expect(errors.filter((e) => !e.includes("status of 404"))).toEqual([]);
    await context.close();
  });

  it("shows the monthly open data built from the daily figures, with the downloads", async () => {
    const { page, errors, context } = await newPage(browser, PHONE);
    const yesterday = new Date(Date.now() + 8 * 60 * MIN - 24 * 60 * MIN).toISOString().slice(0, 10);
    await page.goto(`${hall.server.url}/public/${DEMO_HALL_ID}/month/${yesterday.slice(0, 7)}`);
    await page.getByTestId("public-month-days").waitFor({ timeout: 10_000 });
    const rows = await page.getByTestId("public-month-days").locator("tbody tr").allInnerTexts();
    const y = rows.find((r) => r.startsWith(yesterday.slice(5)));
    expect(y, rows.join("\n")).toBeDefined();
    expect(Number(y!.split(/\s+/)[1])).toBeGreaterThan(100);
    expect(await page.getByTestId("public-download-csv").getAttribute("href")).toContain(`/api/open-data/halls/${DEMO_HALL_ID}/daily.csv?from=`);
    await shot(page, "public-month");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says the same 'not found' for a hall that did not opt in", async () => {
    const { page, context } = await newPage(browser, PHONE);
    await page.goto(`${hall.server.url}/public/placeholder`);
    await page.getByTestId("public-not-found").waitFor({ timeout: 10_000 });
    await context.close();
  });
});

describe("the QR code to the public page", () => {
  it("shows on the wall of a public hall (1920×1080), pointing at /public/:hallId", async () => {
    const display = await hall.admin.createToken({ role: "display", hallId: DEMO_HALL_ID });
    const { page, errors, context } = await newPage(browser, { width: 1920, height: 1080 });
    await page.goto(`${hall.server.url}/wall/${DEMO_HALL_ID}?token=${display.body.token}`);
    await page.getByTestId("public-qr").waitFor({ timeout: 10_000 });
    const qr = page.getByTestId("public-qr").getByTestId("qr");
    expect(await qr.getAttribute("data-text")).toBe(`${hall.server.url}/public/${DEMO_HALL_ID}`);
    expect(await qr.locator("rect").count()).toBeGreaterThan(100);
    await page.waitForTimeout(1500);
    await shot(page, "wall-with-qr");
    expect(errors.filter((e) => !/WebSocket|socket\.io/i.test(e))).toEqual([]);
    await context.close();
  });

  it("is absent from the wall of a hall that did not opt in", async () => {
    const display = await hall.admin.createToken({ role: "display", hallId: "placeholder" });
    const { page, errors, context } = await newPage(browser, { width: 1920, height: 1080 });
    await page.goto(`${hall.server.url}/wall/placeholder?token=${display.body.token}`);
    await page.getByTestId("hall-name").waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1000);
    expect(await page.getByTestId("public-qr").count()).toBe(0);
    // The wall learns it from its feed: no probe of the public API, so no 404 in the console.
    expect(errors).toEqual([]);
    await context.close();
  });

  it("prints as a poster from the admin page (1280×800)", async () => {
    const admin = await hall.admin.createToken({ role: "admin", hallId: DEMO_HALL_ID });
    const { page, errors, context } = await newPage(browser, { width: 1280, height: 800 });
    await page.goto(`${hall.server.url}/admin/poster?token=${admin.body.token}`);
    await page.getByTestId("qr").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("qr").getAttribute("data-text")).toBe(`${hall.server.url}/public/${DEMO_HALL_ID}`);
    expect(await page.locator('[data-test="poster"]').innerText()).toContain(demoHall.name);
    await shot(page, "admin-poster");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the hall configuration page keeps and edits the public settings", () => {
  it("shows public and opening hours, saves the hours preset without dropping public (1280×800)", async () => {
    const admin = await hall.admin.createToken({ role: "admin", hallId: DEMO_HALL_ID });
    const { page, errors, context } = await newPage(browser, { width: 1280, height: 800 });
    await page.goto(`${hall.server.url}/admin/config?token=${admin.body.token}`);
    const section = page.locator('[data-test="config-public"]');
    await section.waitFor({ timeout: 10_000 });
    expect(await section.locator('[data-field="public.enabled"]').isChecked()).toBe(true);
    expect(await section.locator('[data-field="public.licence"]').inputValue()).toBe("CC BY 4.0");
    expect(await section.locator('[data-field="public.minCellCount"]').inputValue()).toBe("5");
    expect(await section.locator('[data-test="public-link"] a').getAttribute("href")).toBe(`${hall.server.url}/public/${DEMO_HALL_ID}`);
    await page.locator('[data-test="hours-preset"]').click();
    expect(await page.locator('[data-test="hours-row"]').count()).toBe(10);
    await page.locator('[data-test="save"]').click();
    const deadline = Date.now() + 10_000;
    let saved: HallConfig | null = null;
    while (Date.now() < deadline) {
      saved = (await hall.admin.request<HallConfig>("GET", `/api/halls/${DEMO_HALL_ID}`)).body;
      if (saved.openingHours?.length === 10) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(saved?.openingHours?.[0]).toEqual({ weekday: 1, from: "09:00", to: "12:00" });
    expect(saved?.public).toEqual({ enabled: true, minCellCount: 5, licence: "CC BY 4.0" });
    await page.locator('[data-test="config-hours"]').scrollIntoViewIfNeeded();
    await shot(page, "admin-config-public");
    expect(errors).toEqual([]);
    await context.close();
  });
});
