// The real Chromium wall page of the event-to-wall run (bench/event-to-wall-probe.ts): opened on the probe
// hall with a MutationObserver recording every class change of the probe window's tile, and the time from
// each probe's send to the tile showing its state read back from the page afterwards.
import { chromium, type Browser, type Page } from "playwright-core";
import { BENCH_HALL_ID } from "./datasets.js";
import type { MiniDocument } from "./pages.js";
import { PROBE_WINDOW } from "./probe-displays.js";
import { summarize, type Summary } from "./stats.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

export interface WallPage {
  browser: Browser;
  page: Page;
  /** From navigation to the probe window's tile on the page. */
  firstRenderMs: number;
}

/** Launches Chromium, opens the wall at `url` and starts recording the probe tile's class changes. */
export async function openWallPage(url: string, displayToken: string): Promise<WallPage> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  const t = performance.now();
  await page.goto(`${url}/wall/${BENCH_HALL_ID}?token=${displayToken}`);
  await page.locator(`[data-window="${PROBE_WINDOW}"]`).waitFor({ timeout: 60_000 });
  const firstRenderMs = performance.now() - t;
  await page.evaluate((id) => {
    const g = globalThis as unknown as {
      __probe: { t: number; cls: string }[];
      document: MiniDocument;
      MutationObserver: new (cb: () => void) => { observe(target: unknown, options: Record<string, unknown>): void };
    };
    const document = g.document;
    g.__probe = [];
    const tile = document.querySelector(`[data-window="${id}"]`);
    let last = tile?.className ?? "";
    // The tile may be re-created; observe the whole grid.
    new g.MutationObserver(() => {
      const el = document.querySelector(`[data-window="${id}"]`);
      const cls = el?.className ?? "";
      if (cls !== last) {
        last = cls;
        g.__probe.push({ t: Date.now(), cls });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  }, PROBE_WINDOW);
  return { browser, page, firstRenderMs };
}

/** Send (wall-clock `epoch`) → the tile's class showing `state-<state>`, for each probe; a probe not seen before the next one's send + 1 s is missed. */
export async function wallLatency(page: Page, probes: readonly { epoch: number; state: string }[]): Promise<{ latency: Summary; missed: number }> {
  const seen = await page.evaluate(() => (globalThis as unknown as { __probe: { t: number; cls: string }[] }).__probe);
  const lat: number[] = [];
  let bMissed = 0;
  probes.forEach((p, k) => {
    const until = probes[k + 1]?.epoch ?? Infinity;
    const c = seen.find((x) => x.t >= p.epoch && x.cls.includes(`state-${p.state}`) && x.t < until + 1000);
    if (c) lat.push(c.t - p.epoch);
    else bMissed++;
  });
  return { latency: summarize(lat), missed: bMissed };
}
