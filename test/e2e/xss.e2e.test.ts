// XSS probes in a real Chromium against the real server (issue #7 "In the browser"): a copy of the demo
// hall whose every free-text field carries hostile text (xss-payloads.ts: markup with event handlers,
// `"><svg onload>`, `{{7*7}}`, `javascript:`, a `</script>` breakout, ECharts rich-text `{a|x}` and
// template tokens `{@name}{b}`, and payloads that set window.__xss instead of opening a dialog), fed with
// two simulated past weekdays, today replayed up to now, item lists and versions, a refused event, a
// labelled token and a follow-up note. Every page — the wall at 1920×1080, the staff console and every
// admin page and tab — is visited with the CSP as shipped, and again with the CSP bypassed (so escaping
// alone is what is proven). On each: no dialog, window.__xss unset, no element made from a payload, no
// CSP violation; tables and tiles show the text literally (textContent has it, innerHTML has it escaped).
// Charts draw on a canvas: an init script records every fillText of the frame on screen, so the axis
// labels, legends and the rich-text tooltips opened by sweeping the pointer over each chart are read back
// as drawn text and must contain the names exactly as written.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent, IngestResponse } from "../../contract/index.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { localMidnight } from "../../simulator/local-time.js";
import { launchBrowser, startHall, VIEWPORTS, type E2eHall } from "./harness.js";
import { hostileHall, hostileHallItems, hostileOnlineItems, hostileOnlineV2, hostileSimParams, HOSTILE_CODE, OFFLINE_CODE, P, PAYLOADS } from "./xss-payloads.js";

const HALL = "xss-e2e";
const MIN = 60_000;
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
/** The latest weekday at least two days back (inside the history page's default week) and a week before. */
const LATER = Array.from({ length: 7 }, (_, i) => addDays(TODAY, -2 - i)).find((d) => isoWeekdayOf(d) <= 5) as string;
const DAYS = [addDays(LATER, -7), LATER];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The HTML serialization of text (what innerHTML shows for a text node). */
const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// ---- In the page: the CSP violation log and the canvas text recorder (installed before any script).
interface Probe {
  __csp: string[];
  __xss?: unknown;
  __chartText(root: Element): { texts: string[]; lines: string[] };
}

function installProbe(): void {
  const w = window as unknown as Probe;
  w.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  // The text drawn in the frame now on each canvas: zrender clears the whole canvas before each frame.
  type Rec = { t: string; k: string; x: number };
  const frames = new Map<HTMLCanvasElement, Rec[]>();
  const proto = CanvasRenderingContext2D.prototype;
  const clearRect = proto.clearRect;
  proto.clearRect = function (x: number, y: number, width: number, height: number) {
    if (x <= 0 && y <= 0 && width >= this.canvas.width && height >= this.canvas.height) frames.set(this.canvas, []);
    clearRect.call(this, x, y, width, height);
  };
  const fillText = proto.fillText;
  proto.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
    const m = this.getTransform();
    const list = frames.get(this.canvas) ?? [];
    frames.set(this.canvas, list);
    // Tokens of one rich-text line share the transform and the baseline.
    list.push({ t: String(text), k: [m.a, m.b, m.c, m.d, Math.round(m.e), Math.round(m.f), Math.round(y)].join(","), x: m.a * x + m.e });
    if (maxWidth === undefined) fillText.call(this, text, x, y);
    else fillText.call(this, text, x, y, maxWidth);
  };
  w.__chartText = (root: Element) => {
    const texts: string[] = [];
    const lines: string[] = [];
    const clean = (s: string) => s.replace(/\u2060/g, "");
    for (const c of Array.from(root.querySelectorAll("canvas"))) {
      const groups = new Map<string, Rec[]>();
      for (const r of frames.get(c) ?? []) {
        texts.push(clean(r.t));
        groups.set(r.k, [...(groups.get(r.k) ?? []), r]);
      }
      for (const g of groups.values()) lines.push(clean(g.sort((a, b) => a.x - b.x).map((r) => r.t).join("")));
    }
    return { texts, lines };
  };
}

interface Tab {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  errors: string[];
}

async function openTab(browser: Browser, viewport: { width: number; height: number }, bypassCSP: boolean): Promise<Tab> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", bypassCSP });
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return { context, page, dialogs, errors };
}

/** Nothing ran, nothing was injected, no CSP violation; `shown` appear literally as text (or in a field). */
async function assertClean(tab: Tab, where: string, shown: readonly string[] = []): Promise<void> {
  const r = await tab.page.evaluate(() => {
    const w = window as unknown as Probe;
    const fields = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, select")).map((e) => e.value);
    return {
      xss: w.__xss,
      csp: w.__csp,
      injected: Array.from(document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script:not([src]), iframe, object, embed, a[href^="javascript:" i]')).map((e) => e.outerHTML.slice(0, 160)),
      text: document.body.textContent ?? "",
      html: document.body.innerHTML,
      fields,
    };
  });
  expect(r.xss, `${where}: window.__xss`).toBeUndefined();
  expect(r.injected, `${where}: injected elements`).toEqual([]);
  expect(r.csp, `${where}: CSP violations`).toEqual([]);
  expect(tab.dialogs, `${where}: dialogs`).toEqual([]);
  expect(tab.errors.filter((e) => /Content Security Policy|Refused to/i.test(e)), `${where}: CSP console`).toEqual([]);
  for (const s of shown) {
    const inText = r.text.includes(s);
    expect(inText || r.fields.includes(s) || r.fields.some((f) => f.includes(s)), `${where}: shows ${s}`).toBe(true);
    if (inText) expect(r.html, `${where}: ${s} escaped in the HTML`).toContain(escaped(s));
  }
  // Vue never evaluated a name as a template: {{7*7}} never became 49 next to where it should be.
  expect(r.text, `${where}: no evaluated template`).not.toMatch(/\b49\s*#\d/);
}

type Sweep = "x" | "y" | "xy";

/** Sweeps the pointer over the chart under `selector` (opening its tooltips) and returns every line drawn meanwhile. */
async function sweepChart(page: Page, selector: string, sweep: Sweep, steps: number): Promise<{ lines: Set<string>; texts: Set<string> }> {
  const root = page.locator(selector).first();
  await root.scrollIntoViewIfNeeded();
  const canvas = root.locator("canvas").first();
  await canvas.waitFor();
  await page.waitForTimeout(700); // entry animation
  const box = await canvas.boundingBox();
  if (!box) throw new Error(`${selector}: no canvas box`);
  const lines = new Set<string>();
  const texts = new Set<string>();
  const read = async () => {
    const got = await root.evaluate((el) => (window as unknown as Probe).__chartText(el));
    got.lines.forEach((l) => lines.add(l));
    got.texts.forEach((t) => texts.add(t));
  };
  await read(); // the axis labels and legend, before any hover
  const at = (i: number, n: number, lo: number, hi: number) => lo + ((hi - lo) * (i + 0.5)) / n;
  const points: [number, number][] = [];
  if (sweep === "x") for (let i = 0; i < steps; i++) points.push([at(i, steps, 0.04, 0.97), 0.6]);
  if (sweep === "y") for (let i = 0; i < steps; i++) points.push([0.62, at(i, steps, 0.06, 0.97)]);
  if (sweep === "xy") for (let j = 0; j < steps; j++) for (let i = 0; i < 4; i++) points.push([at(i, 4, 0.15, 0.9), at(j, steps, 0.02, 0.8)]);
  for (const [fx, fy] of points) {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    await page.waitForTimeout(90);
    await read();
  }
  await page.mouse.move(2, 2);
  return { lines, texts };
}

/** Some drawn line holds each name exactly as written (tooltips), and nothing drawn is a mangled payload. */
function expectDrawn(chart: string, got: { lines: Set<string>; texts: Set<string> }, names: readonly string[]): void {
  const lines = [...got.lines];
  for (const n of names) expect(lines.some((l) => l.includes(n)), `${chart}: "${n}" drawn literally; drawn: ${JSON.stringify(lines.filter((l) => /[{<]/.test(l)).slice(0, 30))}`).toBe(true);
  // Rich text read as markup drops "{a|" and "}": "x" then "y" without their braces.
  expect(lines.filter((l) => /(^|[^|])xy\}|\{a\|xy/.test(l)), `${chart}: rich-text payload mangled`).toEqual([]);
}

/** Axis labels: the name itself, or its beginning cut with an ellipsis. */
function expectLabel(chart: string, got: { texts: Set<string> }, name: string): void {
  const ok = [...got.texts].some((t) => t === name || (t.endsWith("…") && t.length > 2 && name.startsWith(t.slice(0, -1))) || (t.length >= 4 && name.includes(t)));
  expect(ok, `${chart}: axis label for "${name}"; texts: ${JSON.stringify([...got.texts].filter((t) => /[{<"]/.test(t)).slice(0, 30))}`).toBe(true);
}

describe("XSS probes: hostile names on every page", () => {
  let hall: E2eHall;
  let browser: Browser;
  /** The follow-up case given a hostile note. */
  let noted = "";
  const device = () => hall.admin.as(hall.tokens.device.token);

  async function post(events: HallEvent[]): Promise<void> {
    for (let k = 0; k < events.length; k += 500) {
      const res = await device().request<IngestResponse>("POST", `/api/halls/${HALL}/events`, events.slice(k, k + 500));
      if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
      const refused = res.body.results.filter((r) => r.status !== "accepted");
      if (refused.length) throw new Error(`events refused: ${JSON.stringify(refused.slice(0, 3))}`);
    }
  }

  async function importItems(source: "online" | "hall", items: unknown[]): Promise<void> {
    const res = await hall.admin.request("POST", `/api/halls/${HALL}/items/${source}`, items);
    if (res.status !== 201) throw new Error(`items ${source}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  }

  beforeAll(async () => {
    [hall, browser] = await Promise.all([startHall(HALL, hostileHall, ["w11", "w22"]), launchBrowser()]);
    await importItems("online", hostileOnlineItems());
    await importItems("hall", hostileHallItems());
    await importItems("online", hostileOnlineV2());

    // Two past weekdays (history, heatmaps, report, staffing, what-if).
    for (const [i, date] of DAYS.entries()) await post(generateHallDay({ hall: hostileHall, hallId: HALL, date, seed: 70 + i, params: hostileSimParams, idPrefix: `xss-${i}` }));

    // Today: a simulated weekday shifted so that its "now" is the real now (15:00 when the hall is closed).
    const now = Date.now();
    const localMinute = Math.floor(((now + OFFSET_MS) % (24 * 60 * MIN)) / MIN);
    const simMinute = localMinute >= 10 * 60 && localMinute <= 16 * 60 + 45 ? localMinute : 15 * 60;
    const simDate = "2026-03-18";
    const shift = now - (localMinute === simMinute ? now % MIN : 0) - (localMidnight(simDate, 480) + simMinute * MIN);
    const today = generateHallDay({ hall: hostileHall, hallId: HALL, date: simDate, seed: 7, idPrefix: "xss-today", ticketIdPrefix: "today", params: hostileSimParams })
      .map((e) => ({ ...e, ts: new Date(Date.parse(e.ts) + shift).toISOString() }) as HallEvent)
      .filter((e) => Date.parse(e.ts) <= now - 1000);
    await post(today);

    // A refused event carrying payloads (quarantine), a labelled token, a follow-up note.
    const bad = await device().postEvents(HALL, [{ id: "xss-bad-1", hallId: HALL, ts: new Date().toISOString(), type: "ticket.issued", ticketId: "bad", ticketNo: P.img, categoryId: P.svg, channel: P.script }]);
    expect(bad.status).toBe(200);
    const label = await hall.admin.request("POST", "/api/tokens", { role: "manager", hallId: HALL, label: P.flag });
    expect(label.status).toBe(201);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await hall.admin.request<{ pendingDays: number }>("GET", `/api/halls/${HALL}/history/status`);
      const cases = await hall.admin.request<{ cases: { id: string }[] }>("GET", `/api/halls/${HALL}/followups`);
      if (res.status === 200 && res.body.pendingDays === 0 && cases.body.cases.length > 0) {
        noted = cases.body.cases[0]?.id ?? "";
        const moved = await hall.admin.request("POST", `/api/halls/${HALL}/followups/${noted}/transition`, { to: "contacted", note: `${P.img} ${P.vue} ${P.rich}` });
        expect(moved.status, JSON.stringify(moved.body)).toBe(200);
        break;
      }
      if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(res.body)}`);
      await sleep(250);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  for (const bypassCSP of [false, true]) {
    const mode = bypassCSP ? "CSP bypassed" : "CSP enforced";
    const hover = !bypassCSP;

    it(`wall (${mode}): tiles, banner, ticker, panels and every chart show the names literally`, async () => {
      const tab = await openTab(browser, VIEWPORTS.wall, bypassCSP);
      const { page } = tab;
      await page.goto(`${hall.server.url}/wall/${HALL}?token=${hall.tokens.display.token}`);
      await page.getByTestId("wall").waitFor();
      await page.locator(".tile").first().waitFor({ timeout: 15_000 });
      await page.getByTestId("call").first().waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("hall-name").first().innerText()).toBe(P.flag);
      expect(await page.locator('[data-window="w11"] .name').innerText()).toBe(P.rich);
      expect(await page.locator('[data-window="w22"] .name').innerText()).toBe(P.svg);
      expect(await page.locator('[data-window="w23"] .name').innerText()).toBe(P.flag);
      await assertClean(tab, `wall ${mode}`, [P.flag, P.rich, P.svg, P.img, P.vue, P.js, P.script, P.tpl]);

      if (hover) {
        const util = await sweepChart(page, ".charts .util", "x", 46);
        expectDrawn("wall utilization", util, [P.rich, P.img, P.svg, P.flag, P.vue, P.tpl]);
        for (const n of [P.rich, P.tpl, P.vue]) expectLabel("wall utilization", util, n);
        const wait = await sweepChart(page, ".charts .wait", "y", 30);
        expectDrawn("wall category wait", wait, [P.rich, P.img]);
        for (const n of [P.rich, P.img]) expectLabel("wall category wait", wait, n);
        await sweepChart(page, ".charts .flow", "x", 12);
        await sweepChart(page, ".charts .trend", "x", 12);
        await assertClean(tab, `wall ${mode} after the tooltips`);
        await page.waitForTimeout(500);
        await page.screenshot({ path: "/tmp/xss-wall.png" });
      }
      await tab.context.close();
    }, 120_000);

    it(`staff console (${mode}): window, queue and guide show the names literally`, async () => {
      const tab = await openTab(browser, VIEWPORTS.staff, bypassCSP);
      const { page } = tab;
      await page.goto(`${hall.server.url}/staff?token=${hall.tokens.staff.w11?.token}`);
      await page.getByRole("heading", { level: 1 }).filter({ hasText: P.rich }).waitFor();
      await page.getByTestId("queue").waitFor();
      await page.waitForTimeout(800);
      await assertClean(tab, `staff w11 ${mode}`, [P.rich]);
      await page.goto(`${hall.server.url}/staff?token=${hall.tokens.staff.w22?.token}`);
      await page.getByRole("heading", { level: 1 }).filter({ hasText: P.svg }).waitFor();
      await page.waitForTimeout(800);
      await assertClean(tab, `staff w22 ${mode}`, [P.svg, P.img]);
      await tab.context.close();
    }, 60_000);

    it(`admin pages (${mode}): every page and tab, tables as text, charts' tooltips literal`, async () => {
      const tab = await openTab(browser, VIEWPORTS.admin, bypassCSP);
      const { page } = tab;
      const token = hall.tokens.admin.token;
      const go = async (path: string, ready: string) => {
        await page.goto(`${hall.server.url}/admin/${path}?token=${token}`);
        await page.locator(ready).first().waitFor({ timeout: 20_000 });
        await page.waitForFunction(() => !document.querySelector(".busy, [data-test$='loading']"), undefined, { timeout: 20_000 }).catch(() => undefined);
        await page.waitForTimeout(400);
      };

      await go("config", '[data-test="config-page"]');
      await assertClean(tab, `config ${mode}`, [P.flag, P.rich, P.svg, P.img, P.vue, P.js, P.script, P.tpl, P.flagSvg]);

      await go("tokens", '[data-test="tokens-page"]');
      await page.getByText(P.flag, { exact: true }).first().waitFor();
      await assertClean(tab, `tokens ${mode}`, [P.flag]);

      await go("quarantine", '[data-test="quarantine-page"]');
      await page.getByText("xss-bad-1").first().waitFor();
      await assertClean(tab, `quarantine ${mode}`);

      await go("items", '[data-test="items-page"]');
      await page.locator("tr[data-item-code]").first().waitFor();
      await assertClean(tab, `items online ${mode}`, [HOSTILE_CODE, P.script, P.tpl]);
      await page.locator("[data-test=toggle-item]").first().click();
      await page.locator('[data-test="item-detail"]').waitFor();
      await assertClean(tab, `item detail ${mode}`, [P.script]);
      await page.locator('[data-test="tab-hall"]').click();
      await page.locator("tr[data-item-code]").first().waitFor();
      await assertClean(tab, `items hall ${mode}`, [HOSTILE_CODE]);

      await go("items/diff?source=online&from=1&to=2", '[data-test="diff-page"]');
      await page.locator('[data-test="diff"], [data-test="need-two"]').first().waitFor();
      await assertClean(tab, `diff ${mode}`);

      await go("consistency", '[data-test="consistency-page"]');
      await page.locator('[data-test="finding-message"]').first().waitFor();
      await assertClean(tab, `consistency ${mode}`, [OFFLINE_CODE]);
      await page.locator('[data-test="finding-message"]').first().click();
      await assertClean(tab, `consistency detail ${mode}`);
      if (hover) await sweepChart(page, '[data-test="history-chart"]', "x", 12);
      await assertClean(tab, `consistency chart ${mode}`);

      await go("calendar", '[data-test="calendar-page"]');
      await assertClean(tab, `calendar ${mode}`);

      await go("followups", '[data-test="followups-page"]');
      await page.locator(`tr[data-case="${noted}"]`).click();
      await page.locator('[data-test="followup-detail"]').waitFor();
      await assertClean(tab, `followups ${mode}`, [`${P.img} ${P.vue} ${P.rich}`]);
      if (hover) {
        const report = await sweepChart(page, '[data-test="report-chart"]', "xy", 10).catch(() => null);
        if (report) await assertClean(tab, `followups chart ${mode}`);
      }

      await go("history", '[data-test="history-page"]');
      await page.locator('[data-test="history-table"] tbody tr').first().waitFor();
      await assertClean(tab, `history windows ${mode}`, [P.rich, P.img, P.svg, P.flag]);
      if (hover) {
        const volume = await sweepChart(page, '[data-test="chart-volume"]', "x", 46);
        expectDrawn("history volume", volume, [P.rich, P.img, P.svg]);
        const wait = await sweepChart(page, '[data-test="chart-wait"]', "x", 46);
        expectDrawn("history wait", wait, [P.rich, P.img, P.svg]);
        await sweepChart(page, '[data-test="chart-imbalance"]', "x", 8);
      }
      for (const group of ["department", "category"]) {
        await page.locator(`[data-group="${group}"]`).click();
        await page.waitForTimeout(800);
        await assertClean(tab, `history ${group} ${mode}`, [P.rich, P.img]);
        if (hover) expectDrawn(`history volume by ${group}`, await sweepChart(page, '[data-test="chart-volume"]', "x", 30), [P.rich, P.img]);
      }
      await page.locator('[data-test="tab-heatmap"]').click();
      await page.locator('[data-test="heatmap-utilization"] canvas').first().waitFor();
      await assertClean(tab, `heatmaps ${mode}`);
      if (hover) {
        const heat = await sweepChart(page, '[data-test="heatmap-utilization"]', "xy", 26);
        expectDrawn("utilization heatmap", heat, [P.rich, P.img, P.svg]);
        await sweepChart(page, '[data-test="heatmap-arrivals"]', "xy", 6);
        await assertClean(tab, `heatmaps ${mode} after the tooltips`);
      }

      await go("report", '[data-test="report-page"]');
      await page.locator('[data-test="month"]').selectOption(LATER.slice(0, 7));
      await page.locator(`[data-test="report-body"][data-month="${LATER.slice(0, 7)}"] [data-test="rank-window"] tbody tr`).first().waitFor();
      await assertClean(tab, `report ${mode}`, [P.rich, P.img, P.svg, P.flag]);

      await go("staffing", '[data-test="staffing-page"]');
      await page.locator('[data-test="weeks"]').fill("2");
      await page.locator('[data-test="weeks"]').dispatchEvent("change");
      await page.locator(`[data-test="weekday-${isoWeekdayOf(LATER)}"]`).click();
      await page.locator(`[data-test="staffing-matrix"][data-weekday="${isoWeekdayOf(LATER)}"]`).waitFor();
      await page.waitForTimeout(800);
      await assertClean(tab, `staffing ${mode}`, [P.rich, P.img]);
      if (hover) {
        await page.locator('[data-test="chart-category"]').selectOption("real-estate").catch(() => undefined);
        await sweepChart(page, '[data-test="staffing-chart"]', "x", 12);
        await assertClean(tab, `staffing chart ${mode}`);
      }

      await go("whatif", '[data-test="whatif-page"]');
      await page.locator("tr[data-window]").first().waitFor();
      await assertClean(tab, `whatif ${mode}`, [P.rich, P.img, P.svg, P.flag]);
      await page.locator('[data-test="whatif-date"]').fill(LATER);
      await page.locator('[data-test="whatif-run"]').click();
      const result = page.locator(`[data-test="whatif-result"][data-date="${LATER}"]`);
      await result.waitFor({ timeout: 60_000 });
      await result.locator('[data-test="waits-chart"] canvas').waitFor();
      await assertClean(tab, `whatif result ${mode}`, [P.rich, P.img]);
      if (hover) {
        expectDrawn("what-if waits", await sweepChart(page, '[data-test="waits-chart"]', "y", 30), [P.rich, P.img]);
        expectDrawn("what-if utilization", await sweepChart(page, '[data-test="util-chart"]', "x", 46), [P.rich, P.img, P.svg]);
        await assertClean(tab, `whatif ${mode} after the tooltips`);
      }
      expect(PAYLOADS.length).toBeGreaterThan(5);
      await tab.context.close();
    }, 240_000);
  }
});
