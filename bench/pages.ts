// 5. Pages: the wall page's JavaScript and CSS as gzip bytes (scripts/check-bundle.ts, on a fresh build
// of the pages into data/bench/client-build), against the 400 KB budget; and the wall's time to first
// full render in Chromium (navigation start → every window tile, every chart drawn or marked empty and
// the call ticker filled, with a live hall behind it), against a trivial HTML page in the same browser.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import type { HallEvent } from "../contract/index.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { WALL_JS_BUDGET, wallBundle } from "../scripts/check-bundle.js";
import { BENCH_HALL, BENCH_HALL_ID, BUSY_SCALE, DATA_DIR, copyDb, emptyDataset } from "./datasets.js";
import { removeTemp, tempDbFile } from "./ingest.js";
import { closeAll, connectDevices, runLoad } from "./load.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { BenchServer, ROOT } from "./server.js";
import { ratio, summarize } from "./stats.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

/** The server serves dist/client: build it (npm run build:client) when it is missing. */
export async function ensureClientBuild(log: (m: string) => void): Promise<void> {
  if (fs.existsSync(path.join(ROOT, "dist", "client", "index.html"))) return;
  log("dist/client missing: npm run build:client");
  execFileSync("npm", ["run", "build:client"], { cwd: ROOT, stdio: "ignore" });
}

/** The events of a busy morning so far, re-stamped to end now: what a wall shows at mid-morning. */
export function liveMorning(tag: string, minutes = 90): HallEvent[] {
  const day = simulateHallDay({ hall: BENCH_HALL, hallId: BENCH_HALL_ID, date: "2025-06-10", seed: 5, scale: BUSY_SCALE, params: demoSimParams, idPrefix: tag, ticketIdPrefix: `${tag}T` }).events;
  const t0 = Date.parse(day[0]?.ts ?? "");
  const cut = t0 + minutes * 60_000;
  const shift = Date.now() - 1000 - cut;
  return day.filter((e) => Date.parse(e.ts) <= cut).map((e) => ({ ...e, ts: new Date(Date.parse(e.ts) + shift).toISOString() }) as HallEvent);
}

async function timeLoads(browser: Browser, url: string, n: number, ready: (windows: number) => number | false): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // A fresh context each time: empty cache and storage, like a display switched on.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    const handle = await page.waitForFunction(ready, BENCH_HALL.windows.length, { timeout: 60_000, polling: "raf" });
    out.push((await handle.jsonValue()) as number);
    await context.close();
  }
  return out;
}

/** The little of the DOM the page-side functions use (the root tsconfig has no DOM types). */
export interface MiniElement {
  className: string;
  width?: number;
  querySelector(selector: string): MiniElement | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
}
export type MiniDocument = MiniElement & { body: unknown };

/** Runs in the page: performance.now() (ms since navigation start) once the wall is fully drawn, else false. */
function wallReady(windows: number): number | false {
  const document = (globalThis as unknown as { document: MiniDocument }).document;
  const wall = document.querySelector("[data-testid=wall]");
  if (!wall) return false;
  if (document.querySelectorAll(".tile").length < windows) return false;
  const bodies = Array.from(document.querySelectorAll(".charts .panel .body"));
  if (bodies.length === 0) return false;
  for (const b of bodies) {
    const c = b.querySelector("canvas");
    if (!(c && (c.width ?? 0) > 0) && !b.querySelector("[data-testid=chart-empty]")) return false;
  }
  if (document.querySelectorAll("[data-testid=call]").length === 0) return false;
  return performance.now();
}
function trivialReady(): number | false {
  return (globalThis as unknown as { document: MiniDocument }).document.querySelector("#done") ? performance.now() : false;
}

export async function benchPages(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const outDir = path.join(DATA_DIR, "client-build");
  ctx.log("vite build → data/bench/client-build");
  const b0 = performance.now();
  execFileSync(path.join(ROOT, "node_modules", ".bin", "vite"), ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], { cwd: ROOT, stdio: "ignore" });
  const buildMs = performance.now() - b0;
  const bundle = wallBundle(outDir);

  await ensureClientBuild(ctx.log);
  const loads = ctx.quick ? 3 : 10;
  const file = tempDbFile("pages");
  copyDb(await emptyDataset(), file);
  const server = new BenchServer(file, { LOG_LEVEL: "warn" });
  await server.start();
  const trivial = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end('<!doctype html><html lang="zh-CN"><title>t</title><p id="done">政务服务中心</p></html>'));
  await new Promise<void>((r) => trivial.listen(0, "127.0.0.1", () => r()));
  let wallMs: number[];
  let trivialMs: number[];
  try {
    const api = server.api();
    const device = await api.createToken("device", BENCH_HALL_ID);
    const display = await api.createToken("display", BENCH_HALL_ID);
    const [socket] = await connectDevices(server.url, [device], 1);
    if (!socket) throw new Error("no device socket");
    const sent = await runLoad([socket], [liveMorning(`pg${Date.now().toString(36)}`)], { devices: 1, inFlight: 2, batchSize: 200 });
    closeAll([socket]);
    ctx.log(`live hall: ${sent.statuses.accepted ?? 0} events of a busy morning; ${loads} cold loads each`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      trivialMs = await timeLoads(browser, `http://127.0.0.1:${(trivial.address() as AddressInfo).port}/`, loads, trivialReady);
      wallMs = await timeLoads(browser, `${server.url}/wall/${BENCH_HALL_ID}?token=${display}`, loads, wallReady);
    } finally {
      await browser.close();
    }
  } finally {
    trivial.close();
    await server.stop();
    removeTemp(file);
  }
  const wall = summarize(wallMs);
  const base = summarize(trivialMs);
  const rows: Row[] = [
    {
      bench: "pages",
      figure: `wall JS gzip (${bundle.jsFiles} files)`,
      value: bundle.jsGzipBytes / 1024,
      unit: "KB",
      baseline: { name: "budget", value: WALL_JS_BUDGET / 1024 },
      ratio: ratio(bundle.jsGzipBytes, WALL_JS_BUDGET),
      target: "≤ 400 KB",
      met: bundle.jsGzipBytes <= WALL_JS_BUDGET,
    },
    { bench: "pages", figure: "wall CSS gzip", value: bundle.cssGzipBytes / 1024, unit: "KB" },
    {
      bench: "pages",
      figure: "wall first full render p50 (cold)",
      value: wall.p50,
      unit: "ms",
      baseline: { name: "trivial HTML page", value: base.p50 },
      ratio: ratio(wall.p50, base.p50),
      note: `max ${Math.round(wall.max)} ms over ${wall.n} loads`,
    },
  ];
  return { name: "pages", rows, details: { bundle, buildMs, wallMs, trivialMs, loads }, ms: performance.now() - started };
}
