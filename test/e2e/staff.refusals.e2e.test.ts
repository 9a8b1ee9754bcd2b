// The staff console (/staff) in a real Chromium against the real server (staff-fixture.ts): a refusal is
// shown, never silent — an action naming another window (left in the outbox) and a revoked token, after
// which a pasted token signs in again.
import { describe, expect, it } from "vitest";
import { VIEWPORTS, newPage } from "./harness.js";
import { browser, hall, HALL_ID, rows, setUpStaffHall } from "./staff-fixture.js";

setUpStaffHall();

describe("staff console", () => {
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
});
