// The staff console (/staff) in a real Chromium against the real server (staff-fixture.ts): a whole ticket
// run from the keyboard alone (open, call next, start, complete with materials) landing in the event log with
// the token's window, untrusted names shown as text, the current ticket's service guide from the online item
// list and a material outside the guide confirmed before it is sent (then reported as an extra-materials
// finding); then, going on from there (window 1 open, A001 waiting), actions pressed while the server is
// down waiting visibly and sent once when it is back.
import { describe, expect, it } from "vitest";
import type { ConsistencyReport } from "../../contract/index.js";
import { VIEWPORTS, newPage } from "./harness.js";
import { browser, device, hall, HALL_ID, issue, MIN, ONLINE_ITEMS, post, ready, rows, setUpStaffHall, waitForRows, XSS } from "./staff-fixture.js";

setUpStaffHall();

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
});
