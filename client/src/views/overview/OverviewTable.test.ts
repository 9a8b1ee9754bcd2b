// The overview table: rows in the server's rank order, figures as text, colour cues, drill-down links.
import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { i18n, setLocale } from "../../i18n/index.js";
import OverviewTable from "./OverviewTable.vue";
import { ADMIN_HALL_KEY, oldestCue, rowCue, shareCue } from "./overview-cues.js";
import { hall } from "./overview-hall-fixture.js";

const halls = [
  hall("north", 1, { imbalance: { cv: 0.62, imbalanced: true, hot: 2, cold: 1 }, withinTargetShare: 0.5, oldestWaitSeconds: 1900, openFindings: 4, idleWindows: 1 }),
  hall("east", 2, { withinTargetShare: null, calledToday: 0, oldestWaitSeconds: null, waitingNow: 0 }),
];
const render = () => mount(OverviewTable, { props: { halls }, global: { plugins: [i18n] } });

afterEach(() => {
  setLocale("zh-CN");
  localStorage.clear();
});

describe("overview table", () => {
  it("shows the halls in rank order with their figures, in Chinese first", () => {
    const rows = render().findAll("tbody tr");
    expect(rows.map((r) => r.attributes("data-hall"))).toEqual(["north", "east"]);
    const north = rows[0]!;
    expect(north.get("[data-test=imbalance]").text()).toBe("不均");
    expect(north.text()).toContain("热 2 · 冷 1");
    expect(north.get("[data-test=share]").text()).toBe("50%");
    expect(north.get("[data-test=oldest]").text()).toBe("31:40");
    expect(north.get("[data-test=findings]").text()).toBe("4");
    expect(north.classes()).toContain("row-bad");
    const east = rows[1]!;
    expect(east.text()).toContain("今日未叫号");
    expect(east.text()).toContain("无人等候");
    expect(east.find("[data-test=share]").exists()).toBe(false);
  });

  it("links each hall to its wall and admin pages, and chooses the hall for the admin pages", async () => {
    const w = render();
    const row = w.get("tr[data-hall=east]");
    expect(row.get("[data-test=wall-link]").attributes("href")).toBe("/wall/east");
    const admin = row.get("[data-test=admin-link]");
    expect(admin.attributes("href")).toBe("/admin/config?hall=east");
    admin.element.addEventListener("click", (e) => e.preventDefault());
    await admin.trigger("click");
    expect(localStorage.getItem(ADMIN_HALL_KEY)).toBe("east");
  });

  it("speaks English too", () => {
    setLocale("en");
    const w = render();
    expect(w.get("thead").text()).toContain("Called within target");
    expect(w.get("tr[data-hall=north] [data-test=imbalance]").text()).toBe("Imbalanced");
  });

  it("shows a hall name as text, never as markup", () => {
    const w = mount(OverviewTable, { props: { halls: [hall("x", 1, { name: '<img src=x onerror="alert(1)">' })] }, global: { plugins: [i18n] } });
    expect(w.find("img").exists()).toBe(false);
    expect(w.get(".name").text()).toBe('<img src=x onerror="alert(1)">');
  });
});

describe("overview cues", () => {
  it("grades the share within target and the longest wait against the hall's target", () => {
    expect([shareCue(0.95), shareCue(0.9), shareCue(0.8), shareCue(0.69), shareCue(null)]).toEqual(["ok", "ok", "warn", "bad", "none"]);
    expect([oldestCue({ oldestWaitSeconds: 300, waitTargetMinutes: 20 }), oldestCue({ oldestWaitSeconds: 700, waitTargetMinutes: 20 }), oldestCue({ oldestWaitSeconds: 1201, waitTargetMinutes: 20 })]).toEqual(["ok", "warn", "bad"]);
  });

  it("marks a row bad when imbalanced, warn for any finding, idle window or lost heartbeat, else ok", () => {
    expect(rowCue(hall("a", 1, { imbalance: { cv: 0.5, imbalanced: true, hot: 1, cold: 1 } }))).toBe("bad");
    expect(rowCue(hall("a", 1, { lostHeartbeats: 1 }))).toBe("warn");
    expect(rowCue(hall("a", 1))).toBe("ok");
  });
});
