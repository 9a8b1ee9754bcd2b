// The staff console (/staff) in a real Chromium against the real server (staff-fixture.ts), looking right:
// a realistic hall with a ticket in service, a queue behind it and today's figures, saved as the "staff"
// screenshot (test-results/screenshots/staff.png, docs/screenshots with UPDATE_SCREENSHOTS=1).
import { describe, expect, it } from "vitest";
import { startOfLocalDay, type HallConfig, type ServiceItemInput } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { VIEWPORTS, newPage, screenshot } from "./harness.js";
import { awayFromLocalMidnight } from "../helpers/local-midnight.js";
import { browser, hall, MIN, post, ready, setUpStaffHall } from "./staff-fixture.js";

// Today's window below is written from the day's start or 150 minutes ago up to 20 minutes ago: at least
// that much of the hall's day must have passed.
await awayFromLocalMidnight("Asia/Shanghai", 25);

setUpStaffHall();

describe("staff console", () => {
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
