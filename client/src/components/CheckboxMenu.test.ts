// CheckboxMenu: a box per option (ticked when chosen, the id shown on request, unknown ids marked), a
// ticked or unticked box reported, the empty note; closed by a pointerdown elsewhere or Escape but not by
// one inside; document listeners only while open, and none left after unmount.
import { enableAutoUnmount, mount } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CheckboxMenu from "./CheckboxMenu.vue";

const options = [
  { id: "social", name: "社会保险" },
  { id: "gone", name: "gone", known: false },
];
let added: string[];
let removed: string[];
beforeEach(() => {
  document.body.innerHTML = "";
  added = [];
  removed = [];
  const add = document.addEventListener.bind(document);
  const remove = document.removeEventListener.bind(document);
  vi.spyOn(document, "addEventListener").mockImplementation((type: string, f: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) => {
    added.push(type);
    add(type, f, o);
  });
  vi.spyOn(document, "removeEventListener").mockImplementation((type: string, f: EventListenerOrEventListenerObject, o?: boolean | EventListenerOptions) => {
    removed.push(type);
    remove(type, f, o);
  });
});
afterEach(() => vi.restoreAllMocks());
enableAutoUnmount(afterEach);

const mountMenu = (props: Partial<{ options: typeof options; chosen: string[]; empty: string; showIds: boolean }> = {}) =>
  mount(CheckboxMenu, { props: { options, chosen: ["social"], label: "选择", ...props }, attrs: { "data-test": "menu" }, attachTo: document.body });
const details = (w: ReturnType<typeof mountMenu>) => w.get("details").element as HTMLDetailsElement;
const open = async (w: ReturnType<typeof mountMenu>) => {
  await w.get("summary").trigger("click");
  expect(details(w).open).toBe(true);
};

describe("CheckboxMenu", () => {
  it("shows a box per option, ticked when chosen, with the label, ids on request and unknown ids marked", () => {
    const w = mountMenu({ showIds: true });
    expect(w.get("details").attributes("data-test")).toBe("menu");
    expect(w.get("summary").text()).toBe("选择");
    const boxes = w.findAll<HTMLInputElement>("input[type=checkbox]");
    expect(boxes.map((b) => [b.attributes("data-category"), b.element.checked])).toEqual([
      ["social", true],
      ["gone", false],
    ]);
    expect(w.findAll(".opt-id").map((s) => s.text())).toEqual(["social", "gone"]);
    expect(w.findAll(".opt").map((o) => o.classes("stray"))).toEqual([false, true]);
    expect(mountMenu().find(".opt-id").exists()).toBe(false);
  });

  it("reports a ticked or unticked box", async () => {
    const w = mountMenu();
    await w.get('input[data-category="gone"]').setValue(true);
    await w.get('input[data-category="social"]').setValue(false);
    expect(w.emitted("check")).toEqual([
      ["gone", true],
      ["social", false],
    ]);
  });

  it("says the empty note only when given and there are no options", () => {
    expect(mountMenu({ options: [], empty: "先添加分类" }).get(".menu .adm-hint").text()).toBe("先添加分类");
    expect(mountMenu({ options: [] }).find(".menu .adm-hint").exists()).toBe(false);
    expect(mountMenu({ empty: "先添加分类" }).find(".menu .adm-hint").exists()).toBe(false);
  });

  it("listens to the document only while open, and closes on a pointerdown elsewhere but not inside", async () => {
    const w = mountMenu();
    expect(added).toEqual([]);
    await open(w);
    expect(added).toEqual(["pointerdown", "keydown"]);
    w.get("label").element.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    expect(details(w).open).toBe(true);
    document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    expect(details(w).open).toBe(false);
    expect(removed).toEqual(["pointerdown", "keydown"]);
  });

  it("closes on Escape and not on other keys", async () => {
    const w = mountMenu();
    await open(w);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(details(w).open).toBe(true);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(details(w).open).toBe(false);
    expect(removed).toEqual(["pointerdown", "keydown"]);
  });

  it("leaves no listener behind when unmounted while open", async () => {
    const w = mountMenu();
    await open(w);
    const menu = details(w);
    w.unmount();
    expect(removed).toEqual(["pointerdown", "keydown"]);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(menu.open).toBe(true);
  });
});
