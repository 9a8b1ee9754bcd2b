// Browser tests: the real server (serving the built pages from dist/client) and Debian's Chromium driven
// by playwright-core. `npm run test:e2e` builds the pages first.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { CreatedToken, HallConfig } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { ROOT, ServerProcess } from "../helpers/server-process.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

export const VIEWPORTS = {
  wall: { width: 1920, height: 1080 },
  staff: { width: 1280, height: 800 },
  admin: { width: 1280, height: 800 },
} as const;

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(path.join(ROOT, "dist", "client", "index.html")))
    throw new Error("dist/client is missing: run `npm run build:client` (npm run test:e2e does) before the browser tests");
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page that fails the test on any JavaScript dialog (an XSS would open one) and records console errors. */
export async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return { context, page, dialogs, errors };
}

/** A running server with one configured hall and tokens of every role for it. */
export interface E2eHall {
  server: ServerProcess;
  admin: Api;
  hallId: string;
  tokens: Record<"display" | "manager" | "device" | "admin", CreatedToken> & { staff: Record<string, CreatedToken> };
}

/**
 * `env`: extra server settings (e.g. WARNING_REFRESH_MS to see early warnings sooner). Today's rollups are
 * recomputed every 2 s instead of 30 s (ROLLUP_TODAY_MS), so a page's history of today is there as soon as
 * the replay has landed rather than up to half a minute later.
 */
export async function startHall(hallId: string, hall: HallConfig, staffWindows: string[] = [], env: Record<string, string> = {}): Promise<E2eHall> {
  const server = new ServerProcess({ env: { ROLLUP_TODAY_MS: "2000", ...env } });
  await server.start();
  const admin = new Api(server.url, server.adminToken);
  const put = await admin.putHall(hallId, hall);
  if (put.status !== 201) throw new Error(`PUT hall: ${put.status} ${JSON.stringify(put.body)}`);
  const make = async (role: string, windowId?: string) => {
    const res = await admin.createToken({ role, hallId, ...(windowId ? { windowId } : {}) });
    if (res.status !== 201) throw new Error(`token ${role}: ${res.status}`);
    return res.body;
  };
  const staff: Record<string, CreatedToken> = {};
  for (const w of staffWindows) staff[w] = await make("staff", w);
  return {
    server,
    admin,
    hallId,
    tokens: { display: await make("display"), manager: await make("manager"), device: await make("device"), admin: await make("admin"), staff },
  };
}

/** Saves a screenshot under test-results/screenshots, and under docs/screenshots when UPDATE_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ROOT, "test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    const docs = path.join(ROOT, "docs", "screenshots");
    fs.mkdirSync(docs, { recursive: true });
    fs.copyFileSync(file, path.join(docs, `${name}.png`));
  }
  return file;
}
