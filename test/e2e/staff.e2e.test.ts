// The staff console (/staff) in a real Chromium against the real server: a whole ticket run from the
// keyboard alone (open, call next, start, complete with materials) landing in the event log with the
// token's window; a refusal (an action naming another window, a revoked token) shown, never silent;
// actions pressed while the server is down waiting visibly, then sent once when it is back; untrusted
// names shown as text; the current ticket's service guide from the online item list, and a material
// outside the guide confirmed before it is sent (and then reported as an extra-materials finding); a
// newly imported list version shown without a reload (the list read only when its version changes); and
// the screenshot of a realistic console.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfLocalDay, type ConsistencyReport, type HallConfig, type HallEvent, type ServiceItemInput } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const XSS = "<img src=x onerror=alert(1)>";
const HALL_ID = "staff-e2e";
const HALL: HallConfig = {
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
const ONLINE_ITEMS: ServiceItemInput[] = [
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

let hall: E2eHall;
let browser: Browser;
let db: Database.Database;
let device: Api;

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const MIN = 60_000;

function issue(ticketId: string, ticketNo: string, categoryId: string, msAgo: number, priority: "normal" | "green" = "normal") {
  return { id: `issue-${ticketId}`, type: "ticket.issued", hallId: HALL_ID, ts: iso(msAgo), ticketId, ticketNo, categoryId, channel: "kiosk", priority, itemCode: "SB-001" };
}

async function post(api: Api, hallId: string, events: unknown[]) {
  const res = await api.postEvents(hallId, events);
  expect(res.status).toBe(200);
  expect(res.body.results.every((r) => r.status === "accepted")).toBe(true);
}

interface Row {
  eventId: string;
  type: string;
  windowId: string | null;
  ticketId: string | null;
  payload: string;
}
function rows(hallId: string, where = "1 = 1", ...params: unknown[]): (Row & { event: HallEvent })[] {
  const list = db.prepare(`select eventId, type, windowId, ticketId, payload from "Event" where hallId = ? and ${where} order by seq`).all(hallId, ...params) as Row[];
  return list.map((r) => ({ ...r, event: JSON.parse(r.payload) as HallEvent }));
}

async function waitForRows(hallId: string, where: string, n: number, ...params: unknown[]) {
  for (let i = 0; i < 100; i++) {
    if (rows(hallId, where, ...params).length >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the console offers the command (its button is enabled): keys are pressed only then. */
async function ready(page: Page, command: string) {
  await page.locator(`[data-testid="action-${command}"]:not([disabled])`).waitFor({ timeout: 15_000 });
}

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

describe("staff console", () => {
  it("runs a whole ticket from the keyboard alone, into the event log with the token's window", async () => {
    expect((await hall.admin.request("POST", `/api/halls/${HALL_ID}/items/online`, ONLINE_ITEMS)).status).toBe(201);
    await post(device, HALL_ID, [issue("t-old", "A001", "social", 12 * MIN), issue("t-green", "G001", "social", 2 * MIN, "green"), issue("t-estate", "B001", "estate", 30 * MIN)]);
    const { page, context, dialogs, errors } = await newPage(browser, VIEWPORTS.staff);
    await page.goto(`${hall.server.url}/staff?token=${hall.tokens.staff.w1?.token}`);
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "1号窗口" }).waitFor();
    // The token left the address bar and stays in local storage.
    expect(page.url()).not.toContain("token=");
    expect(await page.evaluate(() => localStorage.getItem("hallpulse.staff.token"))).toBe(hall.tokens.staff.w1?.token);
    // Untrusted names are text: shown literally, never markup.
    expect(await page.locator("h1").textContent()).toContain(XSS);
    expect(await page.locator("img").count()).toBe(0);
    await expect.poll(() => page.getByTestId("window-state").textContent()).toContain("关闭");
    // The queue shows this window's category only, by name, with the green ticket counted, and what
    // call.next would pick: the green channel first.
    await expect.poll(() => page.getByTestId("queue").textContent()).toContain(`社会保险${XSS}`);
    expect(await page.getByTestId("queue").textContent()).not.toContain("不动产登记");
    await expect.poll(() => page.getByTestId("next").textContent()).toContain("G001");
    expect(await page.getByTestId("next").textContent()).toContain("绿色通道优先");

    // O: asks the staff ID once, Enter confirms.
    await ready(page, "open");
    await page.keyboard.press("o");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.type("s-0101");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("window-state").textContent()).toContain("办理中");
    expect(await page.evaluate(() => localStorage.getItem("hallpulse.staff.staffId"))).toBe("s-0101");

    // Esc closes a dialog without acting, and focus comes back to the console.
    await page.keyboard.press("p");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
    expect(await page.getByTestId("window-state").textContent()).toContain("办理中");

    // N: the server picks the green-channel ticket.
    await ready(page, "callNext");
    await page.keyboard.press("n");
    await expect.poll(() => page.getByTestId("ticket-no").textContent().catch(() => null)).toBe("G001");
    expect(await page.getByTestId("ticket-category").textContent()).toBe(`社会保险${XSS}`);
    await expect.poll(() => page.getByTestId("activity").textContent()).toContain("已叫号 G001");
    // The ticket's service guide, from the online item list, by its item code.
    await expect.poll(() => page.getByTestId("guide-item-name").textContent().catch(() => null)).toBe("城乡居民基本养老保险参保登记");
    const guide = page.getByTestId("service-guide");
    expect(await guide.locator("dl").textContent()).toContain("即办件");
    expect(await page.getByTestId("guide-materials").locator("tbody tr").allTextContents()).toEqual([
      expect.stringContaining("居民身份证（原件）"),
      expect.stringContaining("营业执照副本"),
      expect.stringContaining("户口簿"),
    ]);

    // S: start; C: complete, 4 = 补正材料, two materials typed as a list (one of them not in the guide),
    // one picked from the guide (Tab past 添加 to the first quick pick, Space), back to the field
    // (Shift+Tab twice) and Enter on the empty field: the console asks about the one outside the guide.
    await ready(page, "start");
    await page.keyboard.press("s");
    await expect.poll(() => page.getByTestId("current-ticket").textContent()).toContain("正在办理");
    await ready(page, "complete");
    await page.keyboard.press("c");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await page.keyboard.press("4");
    await page.keyboard.type("身份证复印件");
    await page.keyboard.press("Enter");
    await page.keyboard.type("营业执照副本");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("居民身份证（原件）");
    await page.keyboard.press("Space");
    expect(await dialog.getByTestId("material-picks").getByRole("button", { name: "居民身份证（原件）", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("material");
    expect(await dialog.locator("li").allTextContents()).toEqual([expect.stringContaining("身份证复印件"), expect.stringContaining("营业执照副本"), expect.stringContaining("居民身份证（原件）")]);
    expect(await dialog.locator("li", { hasText: "指南外" }).allTextContents()).toEqual([expect.stringContaining("身份证复印件")]);
    await page.keyboard.press("Enter");
    const ask = page.getByTestId("extra-materials");
    await ask.waitFor();
    expect(await ask.locator("li").allTextContents()).toEqual(["身份证复印件"]);
    expect(await ask.textContent()).toContain("办事指南之外不得增加要求");
    expect(await ask.textContent()).toContain("额外材料");
    // Esc goes back to the list (nothing sent, the dialog stays); Enter asks again, Enter sends anyway.
    await page.keyboard.press("Escape");
    await ask.waitFor({ state: "detached" });
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("material");
    expect(rows(HALL_ID, "type = ?", "service.completed")).toEqual([]);
    await page.keyboard.press("Enter");
    await ask.waitFor();
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("today-served").textContent()).toBe("1");
    await expect.poll(() => page.getByTestId("current-ticket").textContent()).toContain("当前无号");

    const mine = rows(HALL_ID, "windowId = ?", "w1");
    expect(mine.map((r) => r.type)).toEqual(["window.opened", "ticket.called", "service.started", "service.completed"]);
    for (const r of mine) {
      expect(r.event.hallId).toBe(HALL_ID);
      expect(Math.abs(Date.parse(r.event.ts) - Date.now())).toBeLessThan(2 * MIN);
    }
    expect(mine[0]?.event).toMatchObject({ windowId: "w1", staffId: "s-0101" });
    expect(mine.slice(1).map((r) => r.ticketId)).toEqual(["t-green", "t-green", "t-green"]);
    expect(mine[3]?.event).toMatchObject({
      type: "service.completed",
      windowId: "w1",
      ticketId: "t-green",
      outcome: "needs_materials",
      requestedMaterials: ["身份证复印件", "营业执照副本", "居民身份证（原件）"],
    });
    // The server records the request beyond the guide as a consistency finding, for that ticket only.
    const extra = async () => {
      const res = await hall.admin.request<ConsistencyReport>("GET", `/api/halls/${HALL_ID}/consistency?rule=extra-materials`);
      expect(res.status).toBe(200);
      return res.body.findings.map((f) => ({ rule: f.rule, itemCode: f.itemCode, windowId: f.windowId, ticketId: f.evidence.ticketId, notInGuide: f.evidence.notInGuide }));
    };
    await expect.poll(extra, { timeout: 5_000 }).toEqual([{ rule: "extra-materials", itemCode: "SB-001", windowId: "w1", ticketId: "t-green", notInGuide: ["身份证复印件"] }]);
    expect(await page.getByTestId("pending-list").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps actions pressed while the server is down in a visible list and sends them once when it is back", async () => {
    const { page, context, dialogs } = await newPage(browser, VIEWPORTS.staff);
    await page.goto(`${hall.server.url}/staff?token=${hall.tokens.staff.w1?.token}`);
    await ready(page, "callNext");
    await hall.server.stop();
    await expect.poll(() => page.getByTestId("connection").textContent(), { timeout: 15_000 }).toContain("已断开");
    await page.keyboard.press("n");
    const item = page.getByTestId("pending-list").locator("li");
    await expect.poll(() => item.textContent()).toContain("叫号");
    expect(await item.textContent()).toContain("等待发送");
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("hallpulse.staff.pending"))) ?? "[]") as { action: { id: string; type: string } }[];
    expect(stored.map((p) => p.action.type)).toEqual(["call.next"]);
    const id = stored[0]?.action.id as string;

    await hall.server.start();
    await expect.poll(() => page.getByTestId("connection").textContent(), { timeout: 20_000 }).toContain("已连接");
    await expect.poll(() => page.getByTestId("pending-list").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("activity").textContent()).toContain("已叫号 A001");
    await expect.poll(() => page.getByTestId("ticket-no").textContent().catch(() => null)).toBe("A001");
    await waitForRows(HALL_ID, "eventId = ?", 1, id);
    expect(rows(HALL_ID, "eventId = ?", id)).toMatchObject([{ type: "ticket.called", windowId: "w1", ticketId: "t-old" }]);
    expect(await page.evaluate(() => localStorage.getItem("hallpulse.staff.pending"))).toBe("[]");
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it("shows the refusal of an action naming another window, and stores nothing", async () => {
    const { page, context } = await newPage(browser, VIEWPORTS.staff);
    // An action left in this browser's outbox from a sign-in at window 2, now sent with window 1's token.
    const action = { id: "st-e2e-other-window", type: "window.paused", windowId: "w2", reason: "午休" };
    await context.addInitScript(
      ([token, pending]) => {
        localStorage.setItem("hallpulse.staff.token", token);
        localStorage.setItem("hallpulse.staff.pending", pending);
      },
      [hall.tokens.staff.w1?.token as string, JSON.stringify([{ action, queuedAt: Date.now(), status: "waiting", error: null, attempts: 0 }])] as const,
    );
    await page.goto(`${hall.server.url}/staff`);
    const refusal = page.getByTestId("pending-list").getByRole("alert");
    await expect.poll(() => refusal.textContent().catch(() => ""), { timeout: 15_000 }).toContain("无权执行此操作");
    const text = await refusal.textContent();
    expect(text).toContain("windowId");
    expect(text).toContain("a staff token acts only on its own window");
    expect(await page.getByTestId("activity").textContent()).toContain("暂停 被拒绝");
    expect(rows(HALL_ID, "eventId = ?", action.id)).toEqual([]);
    // Dismissed from the keyboard: its button focused, Enter.
    await page.getByRole("button", { name: /移除被拒绝的操作/ }).focus({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("pending-list").count()).toBe(0);
    await context.close();
  });

  it("shows a revoked token's refusal, and signs in again with a pasted token", async () => {
    const staff = await hall.admin.createToken({ role: "staff", hallId: HALL_ID, windowId: "w2" });
    expect(staff.status).toBe(201);
    const { page, context } = await newPage(browser, VIEWPORTS.staff);
    await page.goto(`${hall.server.url}/staff?token=${staff.body.token}`);
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "2号窗口" }).waitFor();
    expect((await hall.admin.request("DELETE", `/api/tokens/${staff.body.id}`)).status).toBe(204);
    const problem = page.getByTestId("signin-problem");
    await expect.poll(() => problem.textContent().catch(() => ""), { timeout: 15_000 }).toContain("连接被拒绝");
    expect(await problem.textContent()).toContain("令牌无效或已吊销");
    // The form has the focus: paste (type) a new token of the same window, Enter.
    const fresh = await hall.admin.createToken({ role: "staff", hallId: HALL_ID, windowId: "w2" });
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("token");
    await page.keyboard.type(fresh.body.token);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "2号窗口" }).waitFor();
    await expect.poll(() => page.getByTestId("connection").textContent()).toContain("已连接");
    expect(await page.evaluate(() => localStorage.getItem("hallpulse.staff.token"))).toBe(fresh.body.token);
    await context.close();
  });

  it("shows a newly imported online list version without a reload, reading the list only when its version changes", async () => {
    // Window 2 open with an estate ticket (BDC-001) called to it.
    await post(device, HALL_ID, [
      { id: "w2-open", type: "window.opened", hallId: HALL_ID, ts: iso(5 * MIN), windowId: "w2", staffId: "s-0202" },
      { ...issue("t-bdc", "B002", "estate", 4 * MIN), itemCode: "BDC-001" },
      { id: "w2-call", type: "ticket.called", hallId: HALL_ID, ts: iso(MIN), windowId: "w2", ticketId: "t-bdc" },
    ]);
    const { page, context, dialogs, errors } = await newPage(browser, VIEWPORTS.staff);
    const listReads: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/items/online")) listReads.push(r.url());
    });
    await page.goto(`${hall.server.url}/staff?token=${hall.tokens.staff.w2?.token}`);
    await expect.poll(() => page.getByTestId("ticket-no").textContent().catch(() => null), { timeout: 15_000 }).toBe("B002");
    const materials = () => page.getByTestId("guide-materials").locator("tbody th").allTextContents().catch(() => []);
    await expect.poll(() => page.getByTestId("guide-item-name").textContent().catch(() => null)).toBe("不动产首次登记");
    await expect.poll(materials).toEqual(["不动产权属来源证明"]);
    await page.evaluate(() => Object.assign(window, { hallpulseNoReload: true }));

    // Views pushed for other reasons (a ticket joins the queue) name the same version: nothing is read.
    await post(device, HALL_ID, [issue("t-green-estate", "G002", "estate", 0, "green")]);
    await expect.poll(() => page.getByTestId("next").textContent()).toContain("G002");
    expect(listReads).toHaveLength(1);

    // A new version imported while the console is open: the pushed view names it, the guide follows.
    const renamed = ONLINE_ITEMS.map((i) => (i.code === "BDC-001" ? { ...i, materials: [{ name: "不动产权属来源证明（新版）" }] } : i));
    expect((await hall.admin.request("POST", `/api/halls/${HALL_ID}/items/online`, renamed)).status).toBe(201);
    await expect.poll(materials, { timeout: 10_000 }).toEqual(["不动产权属来源证明（新版）"]);
    expect(await page.evaluate(() => "hallpulseNoReload" in window)).toBe(true);
    expect(await page.getByTestId("ticket-no").textContent()).toBe("B002");
    expect(listReads).toHaveLength(2);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("looks right with a ticket in service, a queue and today's figures (screenshot)", async () => {
    const QX = "qingxi";
    const qx: HallConfig = {
      name: "清溪县政务服务中心",
      timezone: "Asia/Shanghai",
      categories: [
        { id: "social", name: "社会保险", itemCodes: ["SB-001", "SB-014"] },
        { id: "medical", name: "医疗保险", itemCodes: ["YB-003"] },
        { id: "employment", name: "就业创业", itemCodes: ["JY-002"] },
        { id: "estate", name: "不动产登记", itemCodes: ["BDC-001"] },
      ],
      windows: [{ id: "w5", name: "5号窗口", department: "人力资源和社会保障局", categories: ["social", "medical", "employment"] }],
      targets: { waitMinutes: 20 },
    };
    expect((await hall.admin.putHall(QX, qx)).status).toBe(201);
    const guides: ServiceItemInput[] = [
      {
        code: "SB-014",
        name: "城乡居民基本养老保险待遇申领",
        department: "人力资源和社会保障局",
        promisedDays: 5,
        legalDays: 20,
        maxVisits: 1,
        fullyOnline: false,
        fees: "不收费",
        materials: [
          { name: "居民身份证", form: "original", copies: 1, required: true },
          { name: "户口簿", form: "copy", copies: 1, required: true },
          { name: "本人社会保障卡或银行卡", form: "copy", copies: 1, required: true },
          { name: "近期一寸免冠照片", form: "original", copies: 2, required: false },
          { name: "委托书及代办人身份证（代办时提供）", form: "original", copies: 1, required: false },
        ],
      },
      { code: "SB-001", name: "城乡居民基本养老保险参保登记", department: "人力资源和社会保障局", promisedDays: 0, maxVisits: 0, fullyOnline: true, materials: [{ name: "居民身份证" }] },
      { code: "YB-003", name: "城乡居民医疗保险参保登记", department: "医疗保障局", promisedDays: 0, maxVisits: 0, fullyOnline: true, materials: [{ name: "居民身份证" }] },
    ];
    expect((await hall.admin.request("POST", `/api/halls/${QX}/items/online`, guides)).status).toBe(201);
    const dev = new Api(hall.server.url, (await hall.admin.createToken({ role: "device", hallId: QX })).body.token);
    const staff = (await hall.admin.createToken({ role: "staff", hallId: QX, windowId: "w5" })).body.token;

    // Today so far at window 5: opened, nine tickets served with ratings; then a queue waiting.
    const now = Date.now();
    const start = Math.max(startOfLocalDay(now, "Asia/Shanghai") + MIN, now - 150 * MIN);
    const step = (now - 20 * MIN - start) / 10;
    const ev: Record<string, unknown>[] = [{ id: "qx-open", type: "window.opened", windowId: "w5", staffId: "s-0105", ts: new Date(start).toISOString() }];
    const cats = ["social", "medical", "social", "employment", "social", "medical", "social", "social", "medical"];
    cats.forEach((cat, i) => {
      const t0 = start + i * step;
      const tid = `qx-t${i}`;
      const no = `${cat === "social" ? "A" : cat === "medical" ? "B" : "C"}0${String(10 + i)}`;
      ev.push(
        { id: `${tid}-i`, type: "ticket.issued", ticketId: tid, ticketNo: no, categoryId: cat, channel: "kiosk", itemCode: "SB-001", ts: new Date(t0).toISOString() },
        { id: `${tid}-c`, type: "ticket.called", ticketId: tid, windowId: "w5", ts: new Date(t0 + 0.2 * step).toISOString() },
        { id: `${tid}-s`, type: "service.started", ticketId: tid, windowId: "w5", ts: new Date(t0 + 0.25 * step).toISOString() },
        { id: `${tid}-d`, type: "service.completed", ticketId: tid, windowId: "w5", outcome: i === 3 ? "needs_materials" : "done", ts: new Date(t0 + 0.85 * step).toISOString() },
        { id: `${tid}-e`, type: "evaluation.submitted", ticketId: tid, windowId: "w5", rating: i % 4 === 0 ? 4 : 5, ts: new Date(t0 + 0.9 * step).toISOString() },
      );
    });
    const waiting: [string, string, string, number, "normal" | "green"][] = [
      ["qx-w1", "A021", "social", 24, "normal"],
      ["qx-w2", "A022", "social", 17, "normal"],
      ["qx-w3", "B014", "medical", 15, "normal"],
      ["qx-w4", "A023", "social", 11, "normal"],
      ["qx-w5", "G003", "social", 6, "green"],
      ["qx-w6", "C007", "employment", 4, "normal"],
      ["qx-w7", "B015", "medical", 2, "normal"],
    ];
    for (const [tid, no, cat, ago, priority] of waiting)
      ev.push({ id: `${tid}-i`, type: "ticket.issued", ticketId: tid, ticketNo: no, categoryId: cat, channel: "kiosk", priority, itemCode: cat === "social" ? "SB-014" : "YB-003", ts: new Date(now - ago * MIN).toISOString() });
    // The ticket before: called and started at window 5 seven minutes ago, to be completed at the console.
    ev.push(
      { id: "qx-prev-i", type: "ticket.issued", ticketId: "qx-prev", ticketNo: "A019", categoryId: "social", channel: "kiosk", itemCode: "SB-001", ts: new Date(now - 19 * MIN).toISOString() },
      { id: "qx-prev-c", type: "ticket.called", ticketId: "qx-prev", windowId: "w5", ts: new Date(now - 8 * MIN).toISOString() },
      { id: "qx-prev-s", type: "service.started", ticketId: "qx-prev", windowId: "w5", ts: new Date(now - 7 * MIN).toISOString() },
    );
    await post(dev, QX, ev.map((e) => ({ hallId: QX, ...e })));

    const { page, context, dialogs, errors } = await newPage(browser, VIEWPORTS.staff);
    await page.goto(`${hall.server.url}/staff`);
    await page.evaluate(() => localStorage.setItem("hallpulse.staff.staffId", "s-0105"));
    await page.goto(`${hall.server.url}/staff?token=${staff}`);
    // Complete the ticket in service (Enter keeps 办结), take the citizen's rating (5), then call the
    // green-channel ticket and start it: it is shown in service with the queue behind it.
    await ready(page, "complete");
    await page.keyboard.press("c");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Enter");
    await ready(page, "evaluate");
    await page.keyboard.press("e");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("5");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await ready(page, "callNext");
    await page.keyboard.press("n");
    await expect.poll(() => page.getByTestId("ticket-no").textContent().catch(() => null)).toBe("G003");
    await ready(page, "start");
    await page.keyboard.press("s");
    await expect.poll(() => page.getByTestId("current-ticket").textContent()).toContain("正在办理");
    await expect.poll(() => page.getByTestId("next").textContent()).toContain("A021");
    await expect.poll(() => page.getByTestId("guide-item-name").textContent().catch(() => null)).toBe("城乡居民基本养老保险待遇申领");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.waitForTimeout(1200);
    await screenshot(page, "staff");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
