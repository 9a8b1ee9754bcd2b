// XSS probes in a real Chromium against the real server (issue #7 "In the browser"): a copy of the demo
// hall whose every free-text field carries hostile text (xss-payloads.ts: markup with event handlers,
// `"><svg onload>`, `{{7*7}}`, `javascript:`, a `</script>` breakout, ECharts rich-text `{a|x}` and
// template tokens `{@name}{b}`, and payloads that set window.__xss instead of opening a dialog), fed with
// two simulated past weekdays, today replayed up to now, item lists and versions, a refused event, a
// labelled token and a follow-up note. Every page — the wall at 1920×1080, the staff console and every
// admin page and tab — is visited with the CSP as shipped, and again with the CSP bypassed (so escaping
// alone is what is proven). On each: no dialog, window.__xss unset, no element made from a payload, no
// CSP violation; tables and tiles show the text literally (textContent has it, innerHTML has it escaped).
// Charts draw on a canvas: an init script (xss-probe.ts) records every fillText of every frame drawn
// while the pointer sweeps a chart, so the axis labels, legends and the rich-text tooltips it opens are
// read back as drawn text and must contain the names exactly as written. No fixed sleeps: the probe
// waits for fetches to settle, charts to stop animating and each pointer step to be drawn.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent, IngestResponse } from "../../contract/index.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { localMidnight } from "../../simulator/local-time.js";
import { launchBrowser, startHall, VIEWPORTS, type E2eHall } from "./harness.js";
import { assertClean, expectDrawn, expectLabel, expectTooltipLine, openTab, settle, sweepChart } from "./xss-probe.js";
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
      await sleep(100);
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
        // Flow and trend: their tooltips name a 15-minute slot and the series (our own labels), never a
        // hall's name; swept for what opening a tooltip may do to the page, checked by assertClean below.
        await sweepChart(page, ".charts .flow", "x", 12);
        await sweepChart(page, ".charts .trend", "x", 12);
        await assertClean(tab, `wall ${mode} after the tooltips`);
      }
      expect(tab.dialogs, `${mode}: dialogs until the end`).toEqual([]);
      await tab.context.close();
    }, 120_000);

    it(`staff console (${mode}): window, queue and guide show the names literally`, async () => {
      const tab = await openTab(browser, VIEWPORTS.staff, bypassCSP);
      const { page } = tab;
      await page.goto(`${hall.server.url}/staff?token=${hall.tokens.staff.w11?.token}`);
      await page.getByRole("heading", { level: 1 }).filter({ hasText: P.rich }).waitFor();
      await page.getByTestId("queue").waitFor();
      await assertClean(tab, `staff w11 ${mode}`, [P.rich]);
      await page.goto(`${hall.server.url}/staff?token=${hall.tokens.staff.w22?.token}`);
      await page.getByRole("heading", { level: 1 }).filter({ hasText: P.svg }).waitFor();
      await assertClean(tab, `staff w22 ${mode}`, [P.svg, P.img]);
      expect(tab.dialogs, `${mode}: dialogs until the end`).toEqual([]);
      await tab.context.close();
    }, 60_000);

    it(`admin pages (${mode}): every page and tab, tables as text, charts' tooltips literal`, async () => {
      const tab = await openTab(browser, VIEWPORTS.admin, bypassCSP);
      const { page } = tab;
      const token = hall.tokens.admin.token;
      const go = async (path: string, ready: string) => {
        await page.goto(`${hall.server.url}/admin/${path}?token=${token}`);
        await page.locator(ready).first().waitFor({ timeout: 20_000 });
        // A page still busy after 20 s is a failure, not something to look past.
        await page.waitForFunction(() => !document.querySelector(".busy, [data-test$='loading']"), undefined, { timeout: 20_000 }).catch((e: unknown) => {
          throw new Error(`${path}: still busy (.busy or a *loading element shown) after 20 s: ${String(e)}`);
        });
        await settle(page, path);
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
      // Its tooltip names a day and the rules (our own labels), never a hall's name: swept for the page's sake.
      if (hover) await sweepChart(page, '[data-test="history-chart"]', "x", 12);
      await assertClean(tab, `consistency chart ${mode}`);

      await go("calendar", '[data-test="calendar-page"]');
      await assertClean(tab, `calendar ${mode}`);

      await go("followups", '[data-test="followups-page"]');
      await page.locator(`tr[data-case="${noted}"]`).click();
      await page.locator('[data-test="followup-detail"]').waitFor();
      await assertClean(tab, `followups ${mode}`, [`${P.img} ${P.vue} ${P.rich}`]);
      // The report's chart is always there: the noted case is a poor evaluation. By month its tooltips show
      // months only; by window they show the windows' names, so that is the view swept.
      await page.locator('[data-test="report-by-window"]').click();
      const byWindow = page.locator('[data-test="report-table"][data-by="window"] tbody tr td:first-child');
      await byWindow.first().waitFor();
      const reported = await byWindow.allInnerTexts();
      expect(reported.some((n) => PAYLOADS.some((p) => n.startsWith(p))), `report windows ${JSON.stringify(reported)}`).toBe(true);
      await assertClean(tab, `followups by window ${mode}`, reported);
      await page.locator('[data-test="report-chart"] canvas').first().waitFor();
      if (hover) {
        expectDrawn("follow-up report by window", await sweepChart(page, '[data-test="report-chart"]', "x", 2 * reported.length), reported);
        await assertClean(tab, `followups chart ${mode}`);
      }

      await go("history", '[data-test="history-page"]');
      await page.locator('[data-test="history-table"] tbody tr').first().waitFor();
      await assertClean(tab, `history windows ${mode}`, [P.rich, P.img, P.svg, P.flag]);
      if (hover) {
        const volume = await sweepChart(page, '[data-test="chart-volume"]', "x", 46);
        expectDrawn("history volume", volume, [P.rich, P.img, P.svg]);
        const wait = await sweepChart(page, '[data-test="chart-wait"]', "x", 46);
        expectDrawn("history wait", wait, [P.rich, P.img, P.svg]);
        // Its tooltip names a day and the index (our own label), never a hall's name.
        await sweepChart(page, '[data-test="chart-imbalance"]', "x", 8);
      }
      for (const group of ["department", "category"]) {
        await page.locator(`[data-group="${group}"]`).click();
        await assertClean(tab, `history ${group} ${mode}`, [P.rich, P.img]);
        if (hover) expectDrawn(`history volume by ${group}`, await sweepChart(page, '[data-test="chart-volume"]', "x", 30), [P.rich, P.img]);
      }
      await page.locator('[data-test="tab-heatmap"]').click();
      await page.locator('[data-test="heatmap-utilization"] canvas').first().waitFor();
      await assertClean(tab, `heatmaps ${mode}`);
      if (hover) {
        const heat = await sweepChart(page, '[data-test="heatmap-utilization"]', "xy", 26);
        expectDrawn("utilization heatmap", heat, [P.rich, P.img, P.svg]);
        // The heatmap has its own formatter, so BaseChart's shared one is never applied to it (withSafeTooltip
        // keeps a chart's own): breaking the shared one cannot change this chart. Its formatter passes the row
        // (a window's name) through richLiteral itself; without that its tooltip draws "xy 09:00–10:00" (the
        // mangled-payload check above). The y-axis label draws "{a|x}{b|y}" literally anyway (plain text), so
        // the line name-then-hour is what proves the tooltip itself drew the name literally.
        expectTooltipLine("utilization heatmap", heat, P.rich, / \d\d:00–\d\d:00$/);
        // The arrivals heatmap's rows are weekdays: its tooltip shows no name.
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
      await assertClean(tab, `staffing ${mode}`, [P.rich, P.img]);
      if (hover) {
        // Real estate (named P.rich) is among the busiest categories: its option is there.
        await page.locator('[data-test="chart-category"]').selectOption("real-estate");
        await expect.poll(() => page.locator('[data-test="staffing-chart"] [role="img"]').getAttribute("aria-label")).toContain(P.rich);
        // Its tooltip names an hour and the two series (our own labels); the category is named outside the canvas.
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
      expect(tab.dialogs, `${mode}: dialogs until the end`).toEqual([]);
      await tab.context.close();
    }, 240_000);
  }
});
