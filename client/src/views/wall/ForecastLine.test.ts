// The wall's one line of 预警 (issue #9): the soonest early warning of the live view — expected time in the
// hall's time zone, category, target and helper window by the hall's names — hidden without a warning,
// in English too, following live updates through the real display store; hostile names as text.
import { flushPromises, mount } from "@vue/test-utils";
import type { Pinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DisplayUpdate, FloorWarning, LiveFloor } from "../../../../contract/index.js";
import { i18n, setLocale } from "../../i18n/index.js";
import ForecastLine from "./ForecastLine.vue";
import WallView from "./WallView.vue";
import { NOW, XSS_IMG, XSS_SVG, hallSummary, liveView, snapshot } from "./wall-fixtures.js";
import { serverSends, socketConnected, startWallTest } from "./wall-socket-fake.js";

vi.mock("../../socket.js", async () => (await import("./wall-socket-fake.js")).fakeSocketModule);

/** A warning expecting the breach at 10:40 Asia/Shanghai (02:40Z). */
const warning = (categoryId: string, helperWindowId: string | null, at = "2026-11-25T02:40:00.000Z"): FloorWarning => ({
  categoryId,
  expectedBreachAt: at,
  predictedWaitMinutes: 27.5,
  targetMinutes: 20,
  helperWindowId,
  openWindows: ["w1", "w2"],
  forecastArrivals: { expected: 31.2, low: 24, high: 39 },
});
const hall = hallSummary({ windows: [...hallSummary().windows, { id: "w5", name: "5号窗口", department: "综合", categories: ["estate"], comprehensive: true }] });
const render = (warnings: FloorWarning[] | undefined, h = hall) => mount(ForecastLine, { props: { warnings, hall: h }, global: { plugins: [i18n] } });
const floor = (warnings: FloorWarning[]): LiveFloor => ({ idle: [], waits: [], warnings });

afterEach(() => setLocale("zh-CN"));

describe("forecast line", () => {
  it("names the soonest warning: time in the hall's zone, category, target and the helper window", () => {
    const w = render([warning("social", "w5")]);
    expect(w.get("[data-testid=forecast-line]").text()).toBe("▲预警预计 10:40 社会保险 等候将超 20 分钟 · 建议 5号窗口 协助");
    expect(w.get("[data-testid=forecast-time]").text()).toBe("10:40");
    expect(w.get("[data-testid=forecast-category]").text()).toBe("社会保险");
    expect(w.get("[data-testid=forecast-helper]").text()).toBe("5号窗口");
    expect(w.find("[data-testid=forecast-more]").exists()).toBe(false);
  });

  it("leaves out the helper when none qualifies and counts the other warned categories", () => {
    const w = render([warning("social", null), warning("estate", "w9", "2026-11-25T03:10:00.000Z")]);
    expect(w.find("[data-testid=forecast-helper]").exists()).toBe(false);
    expect(w.get("[data-testid=forecast-line]").text()).toBe("▲预警预计 10:40 社会保险 等候将超 20 分钟另 1 项");
  });

  it("is hidden without a warning or before the live view carries the section", () => {
    expect(render([]).find("[data-testid=forecast-line]").exists()).toBe(false);
    expect(render(undefined).find("[data-testid=forecast-line]").exists()).toBe(false);
  });

  it("speaks English and shows an unknown id as itself", async () => {
    setLocale("en");
    const w = render([warning("permits", "w9")]);
    expect(w.get("[data-testid=forecast-line]").text()).toBe("▲Early warningBy 10:40 permits waits will pass 20 min · w9 could help");
    await w.setProps({ warnings: [] });
    expect(w.find("[data-testid=forecast-line]").exists()).toBe(false);
  });

  it("renders hostile names as literal text", () => {
    const h = hallSummary({ windows: [{ id: "w5", name: XSS_IMG, department: "综合", categories: [], comprehensive: true }], categories: [{ id: "social", name: XSS_SVG }] });
    const w = render([warning("social", "w5")], h);
    expect(w.get("[data-testid=forecast-category]").text()).toBe(XSS_SVG);
    expect(w.get("[data-testid=forecast-helper]").text()).toBe(XSS_IMG);
    expect(w.find("img").exists()).toBe(false);
    expect(w.find("svg").exists()).toBe(false);
  });
});

describe("forecast line on the wall", () => {
  let pinia: Pinia;
  beforeEach(() => {
    pinia = startWallTest();
  });
  afterEach(() => vi.useRealTimers());

  it("appears in the banner row with the live warning, follows updates and goes when it clears", async () => {
    const w = mount(WallView, { props: { hallId: "h1" }, global: { plugins: [pinia, i18n], stubs: { BaseChart: true } } });
    await flushPromises();
    await socketConnected();
    const seq = 1_000_000_001;
    await serverSends("snapshot", snapshot(seq, liveView({ floor: floor([]) })));
    expect(w.find("[data-testid=forecast-line]").exists()).toBe(false);

    const update = (n: number, view: DisplayUpdate["view"]): DisplayUpdate => ({ seq: seq + n, baseSeq: seq + n - 1, view });
    const to = new Date(NOW + 1000).toISOString();
    await serverSends("update", update(1, { from: liveView().from, to, floor: floor([warning("estate", "w1")]) }));
    expect(w.get(".banner-row").get("[data-testid=forecast-line]").text()).toContain("预计 10:40 不动产登记 等候将超 20 分钟 · 建议 1号窗口 协助");

    await serverSends("update", update(2, { from: liveView().from, to, floor: floor([]) }));
    expect(w.find("[data-testid=forecast-line]").exists()).toBe(false);
    w.unmount();
  });
});
