// The console page mounted with the real messages and a stand-in /staff socket: shortcuts are shown on
// the buttons and drive the actions, the next ticket says why it is next, a refusal is shown as text,
// and a refused connection brings the sign-in form back. Dialogs are in StaffView.dialogs.test.ts, the
// service guide and its materials in StaffView.guide.test.ts; the stand-ins in stores/staff-store-test-mocks.ts.
import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { staffView } from "../../stores/staff-test-support.js";
import { mountConsole, press, resetConsole, unmountConsole } from "./staff-view-harness.js";
import { sock } from "../../stores/staff-store-test-mocks.js";

vi.mock("../../socket.js", async () => (await import("../../stores/staff-store-test-mocks.js")).fakeSocketModule());
vi.mock("../../api/http.js", async (importOriginal) => (await import("../../stores/staff-store-test-mocks.js")).fakeHttpModule(await importOriginal()));

beforeEach(resetConsole);
afterEach(unmountConsole);

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
