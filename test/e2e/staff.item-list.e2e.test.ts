// The staff console (/staff) in a real Chromium against the real server (staff-fixture.ts): a newly imported
// online item list version is shown in the current ticket's service guide without a reload, the list read
// only when the version the pushed views name changes.
import { describe, expect, it } from "vitest";
import { VIEWPORTS, newPage } from "./harness.js";
import { browser, device, hall, HALL_ID, issue, iso, MIN, ONLINE_ITEMS, post, setUpStaffHall } from "./staff-fixture.js";

setUpStaffHall();

describe("staff console", () => {
  it("shows a newly imported online list version without a reload, reading the list only when its version changes", async () => {
    // What the ticket run (staff.ticket-run.e2e.test.ts) leaves behind when this ran after it in one file: the
    // online list's first version imported and the estate ticket B001 still waiting (G002 goes first anyway).
    expect((await hall.admin.request("POST", `/api/halls/${HALL_ID}/items/online`, ONLINE_ITEMS)).status).toBe(201);
    await post(device, HALL_ID, [issue("t-estate", "B001", "estate", 30 * MIN)]);
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
});
