import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { i18n, setLocale } from "../../i18n/index.js";
import CallTicker from "./CallTicker.vue";
import { tickerCalls, type TickerCall } from "./wall-model.js";
import { XSS_IMG, hallSummary, liveView } from "./wall-fixtures.js";

const render = (calls: TickerCall[]) => mount(CallTicker, { props: { calls }, global: { plugins: [i18n] } });
const calls = tickerCalls(hallSummary(), liveView().recentCalls);

afterEach(() => setLocale("zh-CN"));

describe("call ticker", () => {
  it("calls ticket numbers to window names, newest first, and marks recalls", () => {
    const items = render(calls).findAll("[data-testid=call]");
    expect(items.map((i) => i.text())).toEqual(["请 A023 号到 1号窗口", "请 E007 号到 3号窗口再次呼叫"]);
    expect(items[0]?.classes()).toContain("latest");
    expect(items[1]?.get("[data-testid=recall]").text()).toBe("再次呼叫");
  });

  it("says so when nobody was called yet, and speaks English", () => {
    expect(render([]).text()).toContain("暂无叫号");
    setLocale("en");
    expect(render(calls).findAll("[data-testid=call]")[1]?.text()).toBe("Ticket E007 to 3号窗口Recall");
  });

  it("shows a hostile window name as literal text, and a call to an unknown window sensibly", () => {
    const hall = hallSummary({ windows: [{ id: "w1", name: XSS_IMG, department: "d", categories: [], comprehensive: false }] });
    const w = render(tickerCalls(hall, liveView().recentCalls));
    const items = w.findAll("[data-testid=call]");
    expect(items[0]?.text()).toBe(`请 A023 号到 ${XSS_IMG}`);
    expect(items[1]?.text()).toBe("请 E007 号到 窗口再次呼叫");
    expect(w.find("img").exists()).toBe(false);
  });
});
