// The current ticket's service guide beside it, and completing with materials against it: a material the
// guide does not list asks first, listed ones (picked or typed) go without asking, and without a guide
// (none imported, or the list unreadable) nothing is checked and the console says so.
import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calledTicket, fakeHttp, ONLINE_LIST, staffView } from "../../stores/staff-test-support.js";
import { active, mountConsole, press, resetConsole, unmountConsole } from "./staff-view-harness.js";
import { sock } from "../../stores/staff-store-test-mocks.js";

vi.mock("../../socket.js", async () => (await import("../../stores/staff-store-test-mocks.js")).fakeSocketModule());
vi.mock("../../api/http.js", async (importOriginal) => (await import("../../stores/staff-store-test-mocks.js")).fakeHttpModule(await importOriginal()));

beforeEach(resetConsole);
afterEach(unmountConsole);

describe("staff console page: service guide", () => {
  it("shows the current ticket's service guide: item, time limits, visits, fully online, fees and materials", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const w = await mountConsole();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await flushPromises();
    const guide = w.get('[data-testid="service-guide"]');
    expect(guide.get('[data-testid="guide-item-name"]').text()).toBe("城乡居民基本养老保险参保登记");
    const terms = guide.findAll("dl > div").map((d) => [d.get("dt").text(), d.get("dd").text()]);
    expect(terms).toEqual([
      ["承诺时限", "即办件"],
      ["法定时限", "20 个工作日"],
      ["最多跑动", "0 次"],
      ["全程网办", "是"],
      ["收费", "不收费"],
    ]);
    expect(guide.get("thead th").text()).toBe("申请材料（3 项）");
    expect(guide.findAll("tbody tr").map((r) => r.findAll("th, td").map((c) => c.text()))).toEqual([
      ["居民身份证（原件）", "原件", "1 份", "必交"],
      ["户口簿", "复印件", "1 份", "必交"],
      ["近期一寸免冠照片", "原件", "2 份", "选交"],
    ]);
  });

  it("says plainly that there is no online guide (none imported), and then completes with any material without asking", async () => {
    const w = await mountConsole();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await flushPromises();
    expect(w.get('[data-testid="guide-missing"]').text()).toContain("暂无线上办事指南");
    expect(w.find('[data-testid="guide-materials"]').exists()).toBe(false);
    await press("c");
    await press("4", active());
    expect(w.get('[data-testid="no-guide-note"]').text()).toBe("暂无线上办事指南，无法核对所填材料是否在指南之内。");
    expect(w.find('[data-testid="material-picks"]').exists()).toBe(false);
    const input = w.get<HTMLInputElement>('input[name="material"]');
    await input.setValue("营业执照副本");
    await press("Enter", input.element);
    await press("Enter", input.element);
    expect(w.find('[data-testid="extra-materials"]').exists()).toBe(false);
    expect(sock().sent).toMatchObject([{ type: "service.completed", outcome: "needs_materials", requestedMaterials: ["营业执照副本"] }]);
  });

  it("asks before sending a material outside the guide: Esc goes back and sends nothing, Enter sends the exact materials", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const w = await mountConsole();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await flushPromises();
    await press("c");
    await press("4", active());
    const input = w.get<HTMLInputElement>('input[name="material"]');
    for (const m of ["居民身份证 (复印件)", "营业执照副本"]) {
      await input.setValue(m);
      await press("Enter", input.element);
    }
    // Marked in the list as it is typed: only the unlisted one.
    expect(w.findAll("dialog li").map((li) => li.text().replace("×", "").trim())).toEqual(["居民身份证 (复印件)", "营业执照副本指南外"]);
    await press("Enter", input.element);
    const ask = w.get('[data-testid="extra-materials"]');
    expect(active()).toBe(ask.element);
    expect(w.get("dialog h2").text()).toBe("办结 A001：指南之外的材料");
    expect(ask.findAll("li").map((li) => li.text())).toEqual(["营业执照副本"]);
    expect(ask.text()).toContain("办事指南之外不得增加要求");
    expect(ask.text()).toContain("一致性问题（额外材料）");
    expect(w.get("dialog .confirm").text()).toContain("仍要发送");
    expect(w.get("dialog .cancel").text()).toContain("返回修改");
    expect(sock().sent).toEqual([]);

    // Esc goes back to the list as it was, the dialog stays open, nothing is sent.
    await press("Escape", active());
    expect(w.find('[data-testid="extra-materials"]').exists()).toBe(false);
    expect(w.find("dialog").exists()).toBe(true);
    expect(active()).toBe(w.get('input[name="material"]').element);
    expect(w.findAll("dialog li .material").map((m) => m.text())).toEqual(["居民身份证 (复印件)", "营业执照副本"]);
    expect(sock().sent).toEqual([]);

    // Enter on the empty field asks again; Enter sends anyway, with the materials exactly as typed.
    await press("Enter", active());
    expect(w.find('[data-testid="extra-materials"]').exists()).toBe(true);
    await press("Enter", active());
    expect(w.find("dialog").exists()).toBe(false);
    expect(sock().sent).toMatchObject([{ type: "service.completed", ticketId: "t1", outcome: "needs_materials", requestedMaterials: ["居民身份证 (复印件)", "营业执照副本"] }]);
  });

  it("sends materials the guide lists without asking, picked from the guide or typed with notes", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const w = await mountConsole();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await flushPromises();
    await press("c");
    await press("4", active());
    const picks = w.findAll<HTMLButtonElement>('[data-testid="material-picks"] button');
    expect(picks.map((b) => b.text())).toEqual(["居民身份证（原件）", "户口簿", "近期一寸免冠照片"]);
    expect(picks.every((b) => b.attributes("type") === "button" && b.attributes("aria-pressed") === "false")).toBe(true);
    await picks[1]?.trigger("click");
    expect(picks[1]?.attributes("aria-pressed")).toBe("true");
    await picks[0]?.trigger("click");
    await picks[0]?.trigger("click");
    expect(picks[0]?.attributes("aria-pressed")).toBe("false");
    const input = w.get<HTMLInputElement>('input[name="material"]');
    await input.setValue(" 居民 身份证（复印件）");
    await press("Enter", input.element);
    expect(w.find("dialog .outside").exists()).toBe(false);
    await press("Enter", input.element);
    expect(w.find('[data-testid="extra-materials"]').exists()).toBe(false);
    expect(sock().sent).toMatchObject([{ type: "service.completed", outcome: "needs_materials", requestedMaterials: ["户口簿", "居民 身份证（复印件）"] }]);
  });

  it("does not check materials when the list could not be read, and says so", async () => {
    fakeHttp.onlineItems = { status: 500, code: "internal", message: "boom" };
    const w = await mountConsole();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await flushPromises();
    expect(w.get('[data-testid="guide-missing"]').text()).toContain("无法读取办事指南：服务器内部错误");
    await press("c");
    await press("4", active());
    expect(w.get('[data-testid="no-guide-note"]').text()).toContain("办事指南未能读取");
  });
});
