// The console page mounted with the real messages and a stand-in /staff socket: shortcuts are shown on
// the buttons and drive the actions, dialogs take Enter/Esc and digits, focus comes back after them, and
// a refusal is shown as text.
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../i18n/index.js";
import { calledTicket, staffView, type FakeStaffSocket } from "../../stores/staff-test-support.js";
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
  const { WHO, HALL } = await import("../../stores/staff-test-support.js");
  return { ...actual, apiRequest: vi.fn(async (_t: string, _m: string, path: string) => (path === "/api/me" ? WHO : HALL)) };
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
});
