// The console page mounted with the real messages and a stand-in /staff socket: shortcuts are shown on
// the buttons and drive the actions, dialogs take Enter/Esc and digits, focus comes back after them, and
// a refusal is shown as text; the current ticket's service guide is shown beside it, and completing with
// a material the guide does not list asks first.
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorCode } from "../../../../contract/index.js";
import { i18n } from "../../i18n/index.js";
import { calledTicket, fakeHttp, ONLINE_LIST, staffView, type FakeStaffSocket } from "../../stores/staff-test-support.js";
import StaffView from "./StaffView.vue";

const h = vi.hoisted(() => ({ sockets: [] as FakeStaffSocket[] }));
vi.mock("../../socket.js", async () => {
  const { FakeStaffSocket } = await import("../../stores/staff-test-support.js");
  return {
    connectNamespace: () => {
      const s = new FakeStaffSocket();
      h.sockets.push(s);
      return { socket: s, state: s.state };
    },
  };
});
vi.mock("../../api/http.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api/http.js")>();
  const { fakeHttp } = await import("../../stores/staff-test-support.js");
  return {
    ...actual,
    apiRequest: vi.fn(async (_token: string, _method: string, path: string) => {
      const a = fakeHttp.answer(path);
      if (!a.ok) throw new actual.ApiError(a.status, a.code as ErrorCode, a.message);
      return a.body;
    }),
  };
});

const sock = () => h.sockets[h.sockets.length - 1] as FakeStaffSocket;
let wrapper: VueWrapper | null = null;

async function mountConsole() {
  localStorage.setItem("hallpulse.staff.token", "hp_token");
  wrapper = mount(StaffView, { global: { plugins: [createPinia(), i18n] }, attachTo: document.body });
  await flushPromises();
  sock().up();
  await flushPromises();
  return wrapper;
}

async function press(key: string, target: EventTarget = window) {
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  await flushPromises();
}

const active = () => document.activeElement as HTMLElement;

beforeEach(() => {
  localStorage.clear();
  h.sockets.length = 0;
  setActivePinia(createPinia());
  fakeHttp.reset();
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe("staff console page", () => {
  it("shows every action's shortcut on its button, and a key press performs the action", async () => {
    const w = await mountConsole();
    sock().push(staffView());
    await flushPromises();
    const call = w.get('[data-testid="action-callNext"]');
    expect(call.text()).toBe("N叫号");
    expect(call.attributes("aria-keyshortcuts")).toBe("N");
    expect(w.get('[data-testid="action-complete"]').text()).toBe("C办结");
    expect(w.get('[data-testid="action-complete"]').attributes("disabled")).toBeDefined();
    await press("n");
    expect(sock().sent).toMatchObject([{ type: "call.next", windowId: "w1" }]);
    // An unavailable command does nothing: C with no ticket in service.
    await press("c");
    expect(w.find("dialog").exists()).toBe(false);
  });

  it("says why the next ticket is next, from the server's explanation (issue #9), and ages the waits", async () => {
    const w = await mountConsole();
    const nextExplanation = {
      ticketNo: "G001",
      categoryId: "social",
      priority: "green" as const,
      rule: "green_channel" as const,
      waitedSeconds: 120,
      queuedFrom: "issue" as const,
      aheadOf: 1,
      overtook: 1,
      runnerUp: { ticketNo: "A007", priority: "normal" as const, waitedSeconds: 23 * 60 },
    };
    sock().push(staffView({ nextExplanation }));
    await flushPromises();
    expect(w.get('[data-testid="next-why"]').text()).toBe("绿色通道优先 · 先于 1 位先到的号 · 已等 2 分钟");
    expect(w.get('[data-testid="next-runner-up"]').text()).toBe("其后 A007，已等 23 分钟 · 共 1 号在后");
    sock().push(staffView({ next: { ticketNo: "A007", categoryId: "social", priority: "normal", reason: "longest_wait", waitedSeconds: 23 * 60 }, nextExplanation: { ...nextExplanation, ticketNo: "A007", priority: "appointment", rule: "only_waiting", waitedSeconds: 23 * 60, queuedFrom: "transfer", aheadOf: 0, overtook: 0, runnerUp: null } }));
    await flushPromises();
    expect(w.get('[data-testid="next-why"]').text()).toBe("仅此一号在等 · 已等 23 分钟 · 转入后起算等候 · 预约号（叫号不优先）");
    expect(w.find('[data-testid="next-runner-up"]').exists()).toBe(false);
    sock().push(staffView({ nextExplanation: { ...nextExplanation, rule: "longest_wait", priority: "normal", waitedSeconds: 23 * 60 + 5, runnerUp: null } }));
    await flushPromises();
    expect(w.get('[data-testid="next-why"]').text()).toBe("等候最久 23 分钟");
  });

  it("completes with needs_materials from the keyboard: digit, Enter adds, Enter on empty confirms, focus returns", async () => {
    const w = await mountConsole();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await flushPromises();
    await press("c");
    expect(w.find("dialog").exists()).toBe(true);
    expect(w.get("dialog h2").text()).toBe("办结 A001");
    await press("4", active());
    const input = w.get<HTMLInputElement>('input[name="material"]');
    expect(active()).toBe(input.element);
    for (const m of ["身份证复印件", "营业执照副本"]) {
      await input.setValue(m);
      await press("Enter", input.element);
    }
    expect(w.findAll("dialog li").map((li) => li.find(".material").text())).toEqual(["身份证复印件", "营业执照副本"]);
    await press("Enter", input.element);
    expect(w.find("dialog").exists()).toBe(false);
    expect(sock().sent).toMatchObject([{ type: "service.completed", ticketId: "t1", outcome: "needs_materials", requestedMaterials: ["身份证复印件", "营业执照副本"] }]);
    expect(active().tagName).toBe("MAIN");
  });

  it("refuses needs_materials without a material, inside the dialog", async () => {
    const w = await mountConsole();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await flushPromises();
    await press("c");
    await press("4", active());
    await press("Enter", active());
    expect(w.get("dialog [role=alert]").text()).toBe("补正材料需至少填写一项材料");
    expect(sock().sent).toEqual([]);
  });

  it("Esc closes a dialog without acting; shortcuts are off while it is open", async () => {
    const w = await mountConsole();
    sock().push(staffView());
    await flushPromises();
    await press("p");
    expect(w.get("dialog h2").text()).toBe("暂停窗口");
    await press("n", active());
    expect(sock().sent).toEqual([]);
    await press("Escape", active());
    expect(w.find("dialog").exists()).toBe(false);
    expect(sock().sent).toEqual([]);
    await press("p");
    await press("3", active());
    await press("Enter", active());
    expect(sock().sent).toMatchObject([{ type: "window.paused", reason: "系统故障" }]);
  });

  it("asks the staff ID once, then opens directly with the remembered one", async () => {
    const w = await mountConsole();
    sock().push(staffView({}, "closed"));
    await flushPromises();
    await press("o");
    await w.get<HTMLInputElement>('input[name="staffId"]').setValue("s-0101");
    await press("Enter", active());
    expect(sock().sent).toMatchObject([{ type: "window.opened", staffId: "s-0101" }]);
    expect(localStorage.getItem("hallpulse.staff.staffId")).toBe("s-0101");
    sock().push(staffView({}, "closed"));
    await flushPromises();
    await press("o");
    expect(w.find("dialog").exists()).toBe(false);
    expect(sock().sent).toHaveLength(2);
  });

  it("shows a refusal as text (code, field, message), never silently", async () => {
    const w = await mountConsole();
    sock().push(staffView());
    sock().reply = () => ({ ok: false, error: { code: "not_found", message: "no ticket is waiting for this window's categories" } });
    await flushPromises();
    await press("n");
    expect(w.get('[data-testid="pending-list"] [role=alert]').text()).toBe("未找到：no ticket is waiting for this window's categories");
    expect(w.get('[data-testid="activity"]').text()).toContain("叫号 被拒绝：未找到");
  });

  it("shows the sign-in form with the reason when the connection is refused", async () => {
    const w = await mountConsole();
    sock().state.status = "refused";
    sock().state.refusal = "unauthorized";
    await flushPromises();
    expect(w.get('[data-testid="signin-problem"]').text()).toBe("连接被拒绝：令牌无效或已吊销");
    expect(w.find('input[name="token"]').exists()).toBe(true);
  });

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
