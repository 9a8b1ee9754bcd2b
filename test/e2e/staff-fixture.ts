// The shared setup of the staff.*.e2e.test.ts files (the staff console /staff in a real Chromium against the
// real server): each file calls setUpStaffHall() and so starts its own server with the test hall (window and
// category names carrying an XSS payload, to be shown as text), staff tokens for w1 and w2, a browser and a
// read-only handle on the event log; the helpers post events as a device, read the log and wait for the
// console to offer a command before a key is pressed.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { HallConfig, HallEvent, ServiceItemInput } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { launchBrowser, startHall, type E2eHall } from "./harness.js";

export const XSS = "<img src=x onerror=alert(1)>";
export const HALL_ID = "staff-e2e";
export const HALL: HallConfig = {
  name: "测试大厅",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "social", name: `社会保险${XSS}`, itemCodes: ["SB-001"] },
    { id: "estate", name: "不动产登记", itemCodes: ["BDC-001"] },
  ],
  windows: [
    { id: "w1", name: `1号窗口${XSS}`, department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号窗口", department: "自然资源局", categories: ["estate"] },
  ],
  targets: { waitMinutes: 20 },
};

/** The online item list (办事指南) of the test hall: the issued tickets are for SB-001. */
export const ONLINE_ITEMS: ServiceItemInput[] = [
  {
    code: "SB-001",
    name: "城乡居民基本养老保险参保登记",
    department: "人社局",
    promisedDays: 0,
    legalDays: 20,
    maxVisits: 0,
    fullyOnline: true,
    fees: "不收费",
    materials: [
      { name: "居民身份证（原件）", form: "original", copies: 1, required: true },
      { name: "营业执照副本", form: "copy", copies: 1, required: true },
      { name: "户口簿", form: "copy", copies: 1, required: false },
    ],
  },
  { code: "BDC-001", name: "不动产首次登记", department: "自然资源局", promisedDays: 5, legalDays: 30, maxVisits: 1, materials: [{ name: "不动产权属来源证明" }] },
];

export let hall: E2eHall;
export let browser: Browser;
let db: Database.Database;
/** The hall's device token: events posted with it are the test's setting of the scene. */
export let device: Api;

export const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
export const MIN = 60_000;

export function issue(ticketId: string, ticketNo: string, categoryId: string, msAgo: number, priority: "normal" | "green" = "normal") {
  return { id: `issue-${ticketId}`, type: "ticket.issued", hallId: HALL_ID, ts: iso(msAgo), ticketId, ticketNo, categoryId, channel: "kiosk", priority, itemCode: "SB-001" };
}

export async function post(api: Api, hallId: string, events: unknown[]) {
  const res = await api.postEvents(hallId, events);
  expect(res.status).toBe(200);
  expect(res.body.results.every((r) => r.status === "accepted")).toBe(true);
}

export interface Row {
  eventId: string;
  type: string;
  windowId: string | null;
  ticketId: string | null;
  payload: string;
}
export function rows(hallId: string, where = "1 = 1", ...params: unknown[]): (Row & { event: HallEvent })[] {
  const list = db.prepare(`select eventId, type, windowId, ticketId, payload from "Event" where hallId = ? and ${where} order by seq`).all(hallId, ...params) as Row[];
  return list.map((r) => ({ ...r, event: JSON.parse(r.payload) as HallEvent }));
}

export async function waitForRows(hallId: string, where: string, n: number, ...params: unknown[]) {
  for (let i = 0; i < 100; i++) {
    if (rows(hallId, where, ...params).length >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the console offers the command (its button is enabled): keys are pressed only then. */
export async function ready(page: Page, command: string) {
  await page.locator(`[data-testid="action-${command}"]:not([disabled])`).waitFor({ timeout: 15_000 });
}

export function setUpStaffHall(): void {
  beforeAll(async () => {
    hall = await startHall(HALL_ID, HALL, ["w1", "w2"]);
    browser = await launchBrowser();
    db = new Database(hall.server.dbFile, { readonly: true, fileMustExist: true });
    device = new Api(hall.server.url, hall.tokens.device.token);
  });

  afterAll(async () => {
    db?.close();
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });
}
