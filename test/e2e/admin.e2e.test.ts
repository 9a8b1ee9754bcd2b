// The admin pages in a real Chromium (1280×800) against the real server: sign-in from ?token=, display
// token creation (secret once, pairing link, QR) and revocation, hall configuration round trip and the
// server's field error at the right input, the quarantine, a manager's read-only view, a token of another
// role refused, untrusted names shown as text — with no JavaScript dialog and no console error.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallConfig, WhoAmI } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const HALL = "qingxi";
const XSS_HALL = "xss-hall";
const XSS_IMG = "<img src=x onerror=alert(1)>";
const XSS_SVG = `"><svg onload=alert(1)>`;

const xssHall: HallConfig = {
  name: XSS_IMG,
  timezone: "Asia/Shanghai",
  categories: [{ id: "c1", name: XSS_SVG, itemCodes: ["X-1"] }],
  windows: [{ id: "w1", name: XSS_SVG, department: XSS_IMG, categories: ["c1"] }],
  targets: { waitMinutes: 20 },
};

/** Whether the text appears in the page's markup or in any input's value. */
const pageHolds = (page: Page, text: string) =>
  page.evaluate((t) => document.documentElement.outerHTML.includes(t) || [...document.querySelectorAll("input")].some((i) => i.value.includes(t)), text);

/** A screenshot with the pointer parked where it highlights nothing. */
async function shoot(page: Page, name: string) {
  await page.mouse.move(640, 799);
  await screenshot(page, name);
}

/** Console errors other than the one expected 400 of the refused PUT. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 400/.test(e));

describe("admin pages", () => {
  let hall: E2eHall;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; dialogs: string[]; errors: string[] };

  beforeAll(async () => {
    hall = await startHall(HALL, demoHall);
    const put = await hall.admin.putHall(XSS_HALL, xssHall);
    if (put.status !== 201) throw new Error(`PUT xss hall: ${put.status}`);
    browser = await launchBrowser();
    admin = await newPage(browser, VIEWPORTS.admin);
  });
  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
  });

  const pickHall = async (page: Page, hallId: string) => {
    await page.locator('[data-test="hall-picker"]').selectOption(hallId);
    await page.waitForFunction((id) => localStorage.getItem("hallpulse.admin.hall") === id, hallId);
  };

  it("signs in from ?token= once, keeps it in local storage and removes it from the address", async () => {
    const { page } = admin;
    await page.goto(`${hall.server.url}/admin?token=${hall.server.adminToken}`);
    await page.locator('[data-test="config-page"]').waitFor();
    expect(page.url()).not.toContain("token=");
    expect(page.url()).toMatch(/\/admin\/config$/);
    expect(await page.evaluate(() => localStorage.getItem("hallpulse.admin.token"))).toBe(hall.server.adminToken);
    await expect(page.locator('[data-test="role"]').textContent()).resolves.toContain("管理员 · 全部大厅");
    // The allocation review's pages are in the navigation.
    for (const c of ["history", "staffing", "whatif", "report"]) expect(await page.locator(`[data-test="nav-${c}"]`).getAttribute("href")).toBe(`/admin/${c}`);
    expect(await page.locator('[data-test="hall-picker"] option').allTextContents()).toEqual([`${demoHall.name} · ${HALL}`, `${XSS_IMG} · ${XSS_HALL}`]);
  });

  it("creates a display token — secret shown once, pairing link and QR code — and revokes it", async () => {
    const { page } = admin;
    await pickHall(page, HALL);
    await page.locator('[data-test="nav-tokens"]').click();
    await page.locator('[data-test="token-list"] tbody tr[data-token-id]').first().waitFor();
    await page.locator("#adm-token-role").selectOption("display");
    await page.locator("#adm-token-label").fill("一楼大厅 LED 大屏");
    await page.locator('[data-test="token-submit"]').click();

    const panel = page.locator('[data-test="created-token"]');
    await panel.waitFor();
    const secret = await page.locator('[data-test="created-secret"]').inputValue();
    expect(secret).toMatch(/^hp_[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('[data-test="pairing-link"]').inputValue()).toBe(`${hall.server.url}/wall/${HALL}?token=${secret}`);
    const qr = page.locator('[data-test="pairing-qr"]');
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;/);
    // The image decoded (the CSP allows data: images) and is shown at its size.
    await page.waitForFunction(() => ((document.querySelector('[data-test="pairing-qr"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect((await qr.boundingBox())?.width).toBeGreaterThan(150);
    await expect(panel.textContent()).resolves.toContain("只显示这一次");

    const me = await hall.admin.as(secret).request<WhoAmI>("GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.body.role).toBe("display");
    const row = page.locator(`tr[data-token-id="${me.body.tokenId}"]`);
    await expect(row.textContent()).resolves.toContain("一楼大厅 LED 大屏");
    await shoot(page, "admin-tokens");

    // Once: after closing, the secret is nowhere on the page, and the list never had it.
    expect(await pageHolds(page, secret)).toBe(true);
    await page.locator('[data-test="dismiss-created"]').click();
    await panel.waitFor({ state: "detached" });
    expect(await pageHolds(page, secret)).toBe(false);

    // Revoke through the in-page confirmation; the token stops working at once.
    await row.locator('[data-test="revoke"]').click();
    const dialog = page.locator('[data-test="confirm-dialog"]');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain("一楼大厅 LED 大屏");
    await dialog.locator('[data-test="confirm-ok"]').click();
    await dialog.waitFor({ state: "detached" });
    await row.getByText("已吊销").waitFor();
    expect((await hall.admin.as(secret).request("GET", "/api/me")).status).toBe(401);
  });

  it("edits the hall configuration: a changed window name round-trips; a refused save names the field at its input", async () => {
    const { page } = admin;
    await page.locator('[data-test="nav-config"]').click();
    const name = page.locator('[data-field="windows.1.name"]');
    await name.waitFor();
    expect(await name.inputValue()).toBe("2号窗口");

    // Client-side check as you type, from the contract's schema.
    await name.fill("");
    const clientError = page.locator('[data-row="windows.1"] [data-error-for="windows.1.name"][data-source="client"]');
    await expect(clientError.textContent()).resolves.toBe("不能为空");
    expect(await name.getAttribute("aria-invalid")).toBe("true");

    await name.fill("2号窗口（企业开办综合）");
    await clientError.waitFor({ state: "detached" });
    await page.locator('[data-test="save"]').click();
    await page.locator('[data-test="save-status"]').getByText("配置已保存").waitFor();
    const stored = await hall.admin.request<HallConfig>("GET", `/api/halls/${HALL}`);
    expect(stored.body.windows[1]?.name).toBe("2号窗口（企业开办综合）");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, "admin-config");

    // The form is checked with the server's own schema, so a bad configuration cannot leave the page:
    // to see the server's answer, the request is altered on its way (window 3 names category "c9").
    await page.route(`**/api/halls/${HALL}`, async (route) => {
      const req = route.request();
      if (req.method() !== "PUT") return route.continue();
      const body = JSON.parse(req.postData() ?? "{}") as HallConfig;
      (body.windows[2] as HallConfig["windows"][number]).categories = ["c9"];
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.locator('[data-field="name"]').fill("清溪县政务服务中心（东区）");
    await page.locator('[data-test="save"]').click();
    const serverError = page.locator('[data-row="windows.2"] [data-error-for="windows.2.categories"][data-source="server"]');
    await serverError.waitFor();
    await expect(serverError.textContent()).resolves.toContain("c9");
    expect(await page.locator('[data-field="windows.2.categories"]').getAttribute("aria-invalid")).toBe("true");
    await expect(page.locator('[data-test="save-status"]').textContent()).resolves.toContain("windows.2.categories.0");
    await page.unroute(`**/api/halls/${HALL}`);
    expect((await hall.admin.request<HallConfig>("GET", `/api/halls/${HALL}`)).body.name).toBe(demoHall.name);
  });

  it("lists rejected events with their reasons, a page at a time", async () => {
    const { page } = admin;
    const ts = new Date().toISOString();
    const filler = Array.from({ length: 27 }, (_, i) => ({ id: `old-${i + 1}`, type: "window.opened", hallId: HALL, ts: "yesterday", windowId: "w01", staffId: "s1" }));
    expect((await hall.admin.postEvents(HALL, filler)).status).toBe(200);
    const bad = [
      { id: "kiosk-0931-a", type: "ticket.issued", hallId: HALL, ts, ticketId: "t-1", ticketNo: "A023", categoryId: "passport", channel: "kiosk" },
      { id: "eval-0932", type: "evaluation.submitted", hallId: HALL, ts, ticketId: "t-1", windowId: "w01", rating: 5, comment: "服务很好，电话13912345678" },
      { id: "call-0933", type: "ticket.called", hallId: HALL, ts, ticketId: "t-1", windowId: "w99" },
      { id: "call-0934", type: "ticket.called", hallId: HALL, ts, ticketId: "t-1", windowId: "w01", extra: true },
    ];
    const res = await hall.admin.postEvents(HALL, bad);
    expect(res.body.results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);

    await page.locator('[data-test="nav-quarantine"]').click();
    const rows = page.locator("tr[data-quarantine-id]");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    const first = await rows.first().textContent();
    expect(first).toContain("call-0934");
    expect(first).toContain("不允许的字段");
    expect(first).toContain("extra: unknown field");
    await expect(rows.nth(1).textContent()).resolves.toContain("窗口“w99”不存在");

    // The payload opens as indented JSON text; the phone number is masked.
    await rows.nth(2).locator('[data-test="toggle-payload"]').click();
    const payload = await page.locator('[data-test="payload"]').textContent();
    expect(payload).toContain('"comment": "服务很好，电话***********"');
    expect(payload).not.toContain("13912345678");
    await shoot(page, "admin-quarantine");

    await page.locator('[data-test="older"]').click();
    await page.locator('[data-test="page"]').getByText("第 2 页").waitFor();
    expect(await rows.count()).toBe(6);
    expect(await page.locator('[data-test="older"]').isDisabled()).toBe(true);
    await expect(rows.last().textContent()).resolves.toContain("old-1");
    await page.locator('[data-test="newer"]').click();
    await page.locator('[data-test="page"]').getByText("第 1 页").waitFor();
    await expect(rows.first().textContent()).resolves.toContain("call-0934");
  });

  it("shows untrusted names as text, never as markup", async () => {
    const { page, dialogs } = admin;
    await hall.admin.postEvents(XSS_HALL, [{ id: "x-1", type: "window.opened", hallId: XSS_HALL, ts: "now", windowId: "w1", staffId: XSS_SVG, note: XSS_IMG }]);
    await pickHall(page, XSS_HALL);
    await page.locator('[data-test="nav-config"]').click();
    await page.locator('[data-field="name"]').waitFor();
    expect(await page.locator('[data-field="name"]').inputValue()).toBe(XSS_IMG);
    expect(await page.locator('[data-field="windows.0.name"]').inputValue()).toBe(XSS_SVG);
    await page.locator('[data-row="windows.0"] .chip').getByText(XSS_SVG, { exact: true }).waitFor(); // the category chip

    await page.locator('[data-test="nav-tokens"]').click();
    await page.locator("#adm-token-role").selectOption("staff");
    await page.locator("#adm-token-window").selectOption("w1");
    await page.locator("#adm-token-label").fill(XSS_IMG);
    await page.locator('[data-test="token-submit"]').click();
    await page.locator('[data-test="created-token"]').waitFor();
    expect(await page.locator('[data-test="pairing-link"]').inputValue()).toMatch(new RegExp(`^${hall.server.url}/staff\\?token=hp_`));
    await page.locator('[data-test="token-list"] td', { hasText: XSS_IMG }).first().waitFor();
    await page.locator('[data-test="token-list"] td', { hasText: XSS_SVG }).first().waitFor(); // the window name

    await page.locator('[data-test="nav-quarantine"]').click();
    await page.locator("tr[data-quarantine-id]").first().waitFor();
    await page.locator('[data-test="toggle-payload"]').first().click();
    expect(await page.locator('[data-test="payload"]').textContent()).toContain(XSS_IMG);

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("svg[onload]").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(unexpected(admin.errors)).toEqual([]);
    expect(admin.errors.length).toBe(1); // the refused PUT, and nothing else
  });

  it("shows a manager the configuration read only and 'admin only' on tokens and quarantine", async () => {
    const { context, page, dialogs, errors } = await newPage(browser, VIEWPORTS.admin);
    await page.goto(`${hall.server.url}/admin?token=${hall.tokens.manager.token}`);
    await page.locator('[data-test="read-only"]').waitFor();
    await expect(page.locator('[data-test="hall-name"]').textContent()).resolves.toBe(demoHall.name);
    expect(await page.locator('[data-field="windows.0.name"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-field="name"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-test="save"]').count()).toBe(0);
    expect(await page.locator('[data-test="add-window"]').count()).toBe(0);

    await page.locator('[data-test="nav-tokens"]').click();
    await expect(page.locator('[data-test="admin-only"]').textContent()).resolves.toContain("仅管理员可用");
    expect(await page.locator('[data-test="token-create"]').count()).toBe(0);
    await page.locator('[data-test="nav-quarantine"]').click();
    await expect(page.locator('[data-test="admin-only"]').textContent()).resolves.toContain("仅管理员可用");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("tells a token of another role that it cannot open the admin pages", async () => {
    const { context, page, errors } = await newPage(browser, VIEWPORTS.admin);
    await page.goto(`${hall.server.url}/admin?token=${hall.tokens.device.token}`);
    await expect(page.locator('[data-test="denied"]').textContent()).resolves.toContain("此令牌无法打开管理页面");
    await expect(page.locator('[data-test="denied"]').textContent()).resolves.toContain("设备");
    expect(await page.evaluate(() => localStorage.getItem("hallpulse.admin.token"))).toBeNull();
    await page.getByRole("button", { name: "使用其他令牌" }).click();
    await page.locator("#adm-signin-token").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
