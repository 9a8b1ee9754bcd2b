// The province totals above the ranked table: sums of the halls' own figures, the longest wait with its
// hall, the share within target weighted by each hall's calls; shown as text with the table's cues.
import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { i18n, setLocale } from "../../i18n/index.js";
import OverviewTotals from "./OverviewTotals.vue";
import { hall } from "./overview-hall-fixture.js";
import { overviewTotals } from "./overview-totals.js";

const halls = [
  hall("north", 1, { imbalance: { cv: 0.62, imbalanced: true, hot: 2, cold: 1 }, waitingNow: 7, oldestWaitSeconds: 1900, calledToday: 30, withinTargetShare: 0.5, openFindings: 4, idleWindows: 1, windows: { open: 5, total: 8 } }),
  hall("west", 2, { waitingNow: 2, oldestWaitSeconds: 300, calledToday: 10, withinTargetShare: 0.9, lostHeartbeats: 2, windows: { open: 3, total: 4 } }),
  hall("east", 3, { waitingNow: 0, oldestWaitSeconds: null, calledToday: 0, withinTargetShare: null, windows: { open: 0, total: 2 } }),
];

afterEach(() => setLocale("zh-CN"));

describe("overview totals", () => {
  it("sums the halls' figures and names the hall with the longest wait", () => {
    expect(overviewTotals(halls)).toEqual({
      halls: 3,
      imbalanced: 1,
      waitingNow: 9,
      oldest: { seconds: 1900, hall: "north 大厅", targetMinutes: 20 },
      calledToday: 40,
      // 15 of north's 30 calls and 9 of west's 10 within their targets: 24 of 40.
      withinTargetShare: 0.6,
      openFindings: 4,
      windows: { open: 8, total: 14 },
      idleWindows: 1,
      lostHeartbeats: 2,
    });
  });

  it("has no longest wait and no share before anyone waits or is called", () => {
    const t = overviewTotals([hall("east", 1, { waitingNow: 0, oldestWaitSeconds: null, calledToday: 0, withinTargetShare: null })]);
    expect(t.oldest).toBeNull();
    expect(t.withinTargetShare).toBeNull();
    expect(overviewTotals([])).toMatchObject({ halls: 0, waitingNow: 0, oldest: null, withinTargetShare: null });
  });

  it("shows them as text with the table's cues, in Chinese first and in English", () => {
    const w = mount(OverviewTotals, { props: { halls }, global: { plugins: [i18n] } });
    expect(w.get("[data-test=totals-imbalanced]").text()).toBe("1 / 3");
    expect(w.get("[data-test=totals-imbalanced]").classes()).toContain("cue-text-bad");
    expect(w.get("[data-test=totals-waiting]").text()).toBe("9");
    expect(w.get("[data-test=totals-oldest]").text()).toBe("31:40");
    // Past north's own 20-minute target.
    expect(w.get("[data-test=totals-oldest]").classes()).toContain("cue-text-bad");
    expect(w.text()).toContain("north 大厅");
    expect(w.get("[data-test=totals-share]").text()).toBe("60%");
    expect(w.get("[data-test=totals-share]").classes()).toContain("cue-text-bad");
    expect(w.text()).toContain("今日已叫 40 号");
    expect(w.get("[data-test=totals-findings]").classes()).toContain("cue-text-warn");
    expect(w.get("[data-test=totals-windows]").text()).toBe("8 / 14");
    expect(w.text()).toContain("空闲 1 · 失联 2");
    setLocale("en");
    return w.vm.$nextTick().then(() => {
      expect(w.text()).toContain("Longest wait");
      expect(w.text()).toContain("40 called today");
    });
  });

  it("shows a hall name as text, never as markup", () => {
    const w = mount(OverviewTotals, { props: { halls: [hall("x", 1, { name: '<img src=x onerror="alert(1)">', oldestWaitSeconds: 60 })] }, global: { plugins: [i18n] } });
    expect(w.find("img").exists()).toBe(false);
    expect(w.text()).toContain('<img src=x onerror="alert(1)">');
  });
});
