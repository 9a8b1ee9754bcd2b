// The console's dialogs from the keyboard: completing with needs_materials (digit, Enter adds, Enter on
// empty confirms, focus comes back), its refusal inside the dialog, Esc closing without acting while the
// shortcuts are off, and the staff ID asked once then remembered.
import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calledTicket, staffView } from "../../stores/staff-test-support.js";
import { active, mountConsole, press, resetConsole, unmountConsole } from "./staff-view-harness.js";
import { sock } from "../../stores/staff-store-test-mocks.js";

vi.mock("../../socket.js", async () => (await import("../../stores/staff-store-test-mocks.js")).fakeSocketModule());
vi.mock("../../api/http.js", async (importOriginal) => (await import("../../stores/staff-store-test-mocks.js")).fakeHttpModule(await importOriginal()));

beforeEach(resetConsole);
afterEach(unmountConsole);

describe("staff console page: dialogs", () => {
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
});
