// The whole wall page against a fake /display socket: pairing from ?token=, live snapshot and updates
// through the real display store, the stale state and its recovery, and the not-paired screen.
import { flushPromises, mount } from "@vue/test-utils";
import type { Pinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DisplayUpdate } from "../../../../contract/index.js";
import { i18n } from "../../i18n/index.js";
import WallView from "./WallView.vue";
import { NOW, XSS_IMG, hallSummary, liveView, snapshot, windowLoad } from "./wall-fixtures.js";
import { fakeDisplay, serverSends, socketConnected, startWallTest } from "./wall-socket-fake.js";

vi.mock("../../socket.js", async () => (await import("./wall-socket-fake.js")).fakeSocketModule);

let pinia: Pinia;
const mountWall = (hallId = "h1") => mount(WallView, { props: { hallId }, global: { plugins: [pinia, i18n], stubs: { BaseChart: true } } });
const receive = serverSends;
const connected = socketConnected;

beforeEach(() => {
  pinia = startWallTest("/wall/h1?token=hp_secret&x=1");
});
afterEach(() => vi.useRealTimers());

describe("wall page", () => {
  it("pairs from ?token=: stores it, removes it from the address bar, connects with it", async () => {
    const w = mountWall();
    await flushPromises();
    expect(localStorage.getItem("hallpulse.wall.token.h1")).toBe("hp_secret");
    expect(location.search).toBe("?x=1");
    expect(fakeDisplay.auth).toEqual({ token: "hp_secret", hallId: "h1", compact: true, floorTickets: false, fieldDeltas: true });
    expect(w.find("[data-testid=connecting]").exists()).toBe(true);
    // Opened again later without ?token=: the stored token is used, nothing is asked.
    w.unmount();
    history.replaceState(null, "", "/wall/h1");
    mountWall();
    await flushPromises();
    expect(fakeDisplay.auth).toMatchObject({ token: "hp_secret" });
  });

  it("opens with the province overview's token when this PC has no wall token (issue #11 drill-down)", async () => {
    history.replaceState(null, "", "/wall/h1");
    localStorage.setItem("hallpulse.admin.token.overview", "hp_overseer");
    mountWall();
    await flushPromises();
    expect(fakeDisplay.auth).toEqual({ token: "hp_overseer", hallId: "h1", compact: true, floorTickets: false, fieldDeltas: true });
    // Borrowed, not paired: the wall's own key stays empty.
    expect(localStorage.getItem("hallpulse.wall.token.h1")).toBeNull();
  });

  it("shows the live figures from the snapshot and applies updates in place", async () => {
    const w = mountWall();
    await connected();
    await receive("snapshot", snapshot(100));
    expect(w.get("[data-testid=hall-name]").text()).toBe("测试大厅");
    expect(w.get("[data-testid=clock]").text()).toBe("14:30:00");
    expect(w.get("[data-testid=date]").text()).toBe("2026-11-25 星期三");
    expect(w.get("[data-testid=cv-value]").text()).toBe("0.62");
    expect(w.findAll(".tile")).toHaveLength(3);
    expect(w.get("[data-window=w1] [data-testid=heat]").text()).toBe("▲热");
    expect(w.get("[data-testid=banner-hot]").text()).toBe("1号窗口");
    expect(w.get("[data-testid=banner-cold]").text()).toBe("2号窗口");
    expect(w.findAll("[data-testid=call]")[0]?.text()).toBe("请 A023 号到 1号窗口");
    expect(w.get("[data-testid=consistency]").text()).toContain("暂未配置一致性检查");
    expect(w.get("[data-testid=wall]").attributes("data-stale")).toBe("false");

    const tileBefore = w.get("[data-window=w2]").element;
    const update: DisplayUpdate = {
      seq: 101,
      baseSeq: 100,
      view: {
        from: liveView().from,
        to: new Date(NOW + 1000).toISOString(),
        windows: [windowLoad("w2", { utilization: 0.6, servedToday: 13 })],
        imbalance: { cv: 0.2, hot: [], cold: [], imbalanced: false },
      },
    };
    await receive("update", update);
    await receive("update", update); // a repeat is never applied twice
    expect(w.get("[data-window=w2] [data-testid=utilization]").text()).toBe("60%");
    expect(w.get("[data-window=w2]").element).toBe(tileBefore); // updated in place, not re-created
    expect(w.find("[data-testid=imbalance-banner]").exists()).toBe(false);
    expect(w.get("[data-testid=cv-value]").text()).toBe("0.20");
    // A gap asks the server for what was missed instead of applying out of order.
    await receive("update", { ...update, seq: 105, baseSeq: 104 });
    expect(fakeDisplay.emitted).toContainEqual(["resync", 101]);
  });

  it("greys the figures and counts the seconds while stale, and recovers by itself", async () => {
    const w = mountWall();
    await connected();
    await receive("snapshot", snapshot(100));
    vi.advanceTimersByTime(13_000);
    await flushPromises();
    expect(w.get("[data-testid=wall]").attributes("data-stale")).toBe("true");
    expect(w.get("[data-testid=stale]").text()).toBe("⟳数据已过时 13 秒，正在重连…");
    if (fakeDisplay.state) fakeDisplay.state.status = "offline";
    vi.advanceTimersByTime(2_000);
    await flushPromises();
    expect(w.get("[data-testid=stale]").text()).toContain("15 秒");
    // The server is back: a fresh snapshot (higher seq after a restart) ends the stale state.
    await connected();
    await receive("snapshot", snapshot(2_000_000_001, liveView({ to: new Date(NOW + 15_000).toISOString() })));
    expect(w.get("[data-testid=wall]").attributes("data-stale")).toBe("false");
    expect(w.find("[data-testid=stale]").exists()).toBe(false);
  });

  it("turns into the not-paired screen when the server refuses the token", async () => {
    const w = mountWall();
    await connected();
    await receive("snapshot", snapshot(100));
    if (fakeDisplay.state) Object.assign(fakeDisplay.state, { status: "refused", refusal: "unauthorized" });
    await flushPromises();
    expect(w.find("[data-testid=wall]").exists()).toBe(false);
    expect(w.get("[data-testid=not-paired]").text()).toContain("未配对");
    expect(w.get("[data-testid=not-paired]").text()).toContain("配对令牌无效或已被撤销");
  });

  it("asks for pairing without a stored token, and never connects", async () => {
    history.replaceState(null, "", "/wall/h1");
    const w = mountWall();
    await flushPromises();
    expect(fakeDisplay.connects).toBe(0);
    expect(w.get("[data-testid=not-paired]").text()).toContain("此屏幕上没有保存配对令牌");
  });

  it("reads sensibly with no window open, no calls and no data today, and shows hostile names as text", async () => {
    const hall = hallSummary({ name: XSS_IMG });
    const view = liveView({
      windows: [],
      recentCalls: [],
      categories: [],
      imbalance: { cv: 0, hot: [], cold: [], imbalanced: false },
      today: { dayStart: "2026-11-24T16:00:00.000Z", bucketMinutes: 15, buckets: [] },
    });
    const w = mountWall();
    await connected();
    await receive("snapshot", snapshot(100, view, hall));
    expect(w.get("[data-testid=hall-name]").text()).toBe(XSS_IMG);
    expect(w.get("[data-testid=none-open]").text()).toBe("暂无窗口开放");
    expect(w.get("[data-testid=ticker]").text()).toContain("暂无叫号");
    expect(w.findAll("[data-testid=chart-empty]").map((e) => e.text())).toEqual(["今日暂无数据", "今日暂无数据"]);
    expect(w.find("[data-testid=balance-line]").exists()).toBe(true);
    expect(w.text()).not.toMatch(/NaN|undefined/);
    expect(w.find("img").exists()).toBe(false);
  });
});
