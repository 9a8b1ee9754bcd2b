// The wall's one line of 调配建议: shown only while the hall is imbalanced and the live view carries a
// suggestion (the first one, by the hall's names), hidden otherwise, following live updates through the
// real display store; hostile names as text.
import { flushPromises, mount } from "@vue/test-utils";
import type { Pinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DisplayUpdate, RebalanceAdvice } from "../../../../contract/index.js";
import { i18n, setLocale } from "../../i18n/index.js";
import RebalanceLine from "./RebalanceLine.vue";
import WallView from "./WallView.vue";
import { NOW, XSS_IMG, XSS_SVG, hallSummary, liveView, snapshot } from "./wall-fixtures.js";
import { serverSends, socketConnected, startWallTest } from "./wall-socket-fake.js";

vi.mock("../../socket.js", async () => (await import("./wall-socket-fake.js")).fakeSocketModule);

const suggestion = (windowId: string, categoryId: string): RebalanceAdvice => ({ windowId, categoryId, reason: { oldestWaitSeconds: 1900, hotWindows: ["w1"] }, predicted: null });
const render = (props: { imbalanced: boolean; advice: RebalanceAdvice[] | undefined }, hall = hallSummary()) => mount(RebalanceLine, { props: { ...props, hall }, global: { plugins: [i18n] } });

afterEach(() => setLocale("zh-CN"));

describe("rebalance line", () => {
  it("names the first suggestion by the hall's names while the hall is imbalanced", () => {
    const w = render({ imbalanced: true, advice: [suggestion("w2", "estate"), suggestion("w3", "social")] });
    const line = w.get("[data-testid=rebalance-line]");
    expect(line.text()).toBe("⇄调配建议2号窗口 协助 不动产登记");
    expect(w.get("[data-testid=rebalance-window]").text()).toBe("2号窗口");
    expect(w.get("[data-testid=rebalance-category]").text()).toBe("不动产登记");
    expect(w.findAll("[data-testid=rebalance-line]")).toHaveLength(1);
  });

  it("is hidden when balanced, without suggestions, or before the live view carries any", () => {
    expect(render({ imbalanced: false, advice: [suggestion("w2", "estate")] }).find("[data-testid=rebalance-line]").exists()).toBe(false);
    expect(render({ imbalanced: true, advice: [] }).find("[data-testid=rebalance-line]").exists()).toBe(false);
    expect(render({ imbalanced: true, advice: undefined }).find("[data-testid=rebalance-line]").exists()).toBe(false);
  });

  it("follows its props, shows an unknown id as itself, and speaks English", async () => {
    const w = render({ imbalanced: true, advice: [suggestion("w2", "estate")] });
    await w.setProps({ advice: [suggestion("w9", "social")] });
    expect(w.get("[data-testid=rebalance-line]").text()).toContain("w9 协助 社会保险");
    await w.setProps({ imbalanced: false });
    expect(w.find("[data-testid=rebalance-line]").exists()).toBe(false);
    setLocale("en");
    await w.setProps({ imbalanced: true });
    expect(w.get("[data-testid=rebalance-line]").text()).toBe("⇄Suggestionw9 helps 社会保险");
  });

  it("renders hostile names as literal text", () => {
    const hall = hallSummary({ windows: [{ id: "w2", name: XSS_IMG, department: XSS_SVG, categories: [], comprehensive: true }], categories: [{ id: "estate", name: XSS_SVG }] });
    const w = render({ imbalanced: true, advice: [suggestion("w2", "estate")] }, hall);
    expect(w.get("[data-testid=rebalance-window]").text()).toBe(XSS_IMG);
    expect(w.get("[data-testid=rebalance-category]").text()).toBe(XSS_SVG);
    expect(w.find("img").exists()).toBe(false);
    expect(w.find("svg").exists()).toBe(false);
  });
});

describe("rebalance line on the wall", () => {
  let pinia: Pinia;
  beforeEach(() => {
    pinia = startWallTest();
  });
  afterEach(() => vi.useRealTimers());

  it("appears next to the imbalance banner with the live suggestion and follows updates", async () => {
    const w = mount(WallView, { props: { hallId: "h1" }, global: { plugins: [pinia, i18n], stubs: { BaseChart: true } } });
    await flushPromises();
    await socketConnected();
    const seq = 1_000_000_001;
    await serverSends("snapshot", snapshot(seq, liveView({ rebalance: [suggestion("w2", "estate")] })));
    expect(w.get("[data-testid=imbalance-banner]").text()).toContain("冷热不均");
    expect(w.get("[data-testid=rebalance-line]").text()).toContain("2号窗口 协助 不动产登记");
    // The banner and the line share the banner's row.
    expect(w.get(".banner-row").find("[data-testid=rebalance-line]").exists()).toBe(true);

    const update = (n: number, view: DisplayUpdate["view"]): DisplayUpdate => ({ seq: seq + n, baseSeq: seq + n - 1, view });
    const to = new Date(NOW + 1000).toISOString();
    await serverSends("update", update(1, { from: liveView().from, to, rebalance: [suggestion("w3", "social")] }));
    expect(w.get("[data-testid=rebalance-line]").text()).toContain("3号窗口 协助 社会保险");

    // Balanced again: the banner turns calm and the line goes.
    await serverSends("update", update(2, { from: liveView().from, to, imbalance: { cv: 0.1, hot: [], cold: [], imbalanced: false }, rebalance: [] }));
    expect(w.find("[data-testid=imbalance-banner]").exists()).toBe(false);
    expect(w.find("[data-testid=rebalance-line]").exists()).toBe(false);
    w.unmount();
  });
});
