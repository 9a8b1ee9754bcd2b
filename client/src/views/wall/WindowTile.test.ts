import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { i18n, setLocale } from "../../i18n/index.js";
import WindowTile from "./WindowTile.vue";
import { buildTiles, type TileModel } from "./wall-model.js";
import { NOW, XSS_IMG, XSS_SVG, hallSummary, liveView, windowLoad } from "./wall-fixtures.js";

const tiles = buildTiles(hallSummary(), liveView());
const render = (tile: TileModel, nowMs = NOW) => mount(WindowTile, { props: { tile, nowMs }, global: { plugins: [i18n] } });

afterEach(() => setLocale("zh-CN"));

describe("window tile", () => {
  it("shows a hot window by colour class AND the word 热 with an arrow", () => {
    const w = render(tiles[0] as TileModel);
    expect(w.classes()).toContain("hot");
    expect(w.get("[data-testid=heat]").text()).toBe("▲热");
    expect(w.get(".name").text()).toBe("1号窗口");
    expect(w.get(".dept").text()).toBe("人社局");
    expect(w.get(".state").text()).toBe("开放");
  });

  it("draws the last hour's utilization as a bar scaled from the left edge (clamped to 0–100%)", () => {
    const scaleOf = (utilization: number | null) => render({ ...(tiles[0] as TileModel), utilization }).get(".fill").attributes("style");
    expect(scaleOf(0.95)).toContain("transform: scaleX(0.95)");
    expect(scaleOf(0.204)).toContain("transform: scaleX(0.2)");
    expect(scaleOf(1.3)).toContain("transform: scaleX(1)");
    expect(scaleOf(null)).toContain("transform: scaleX(0)");
  });

  it("shows a cold window with 冷, and HOT/COLD in English", () => {
    expect(render(tiles[1] as TileModel).get("[data-testid=heat]").text()).toBe("▼冷");
    setLocale("en");
    expect(render(tiles[1] as TileModel).get("[data-testid=heat]").text()).toBe("▼COLD");
    expect(render(tiles[0] as TileModel).get("[data-testid=heat]").text()).toBe("▲HOT");
  });

  it("shows the ticket being served and for how long, ticking with the clock", async () => {
    const w = render(tiles[0] as TileModel);
    expect(w.get("[data-testid=ticket]").text()).toBe("A023");
    expect(w.get(".phase").text()).toBe("办理中 2:05");
    await w.setProps({ nowMs: NOW + 60_000 });
    expect(w.get(".since").text()).toBe("3:05");
    expect(w.get("[data-testid=utilization]").text()).toBe("95%");
    expect(w.get(".served").text()).toBe("今日办结12");
  });

  it("reads sensibly without a ticket, closed, paused or never open — never NaN or undefined", () => {
    const idle = render(tiles[1] as TileModel);
    expect(idle.find("[data-testid=ticket]").exists()).toBe(false);
    expect(idle.get(".idle").text()).toBe("空闲");
    const closed = render(tiles[2] as TileModel);
    expect(closed.classes()).toContain("state-closed");
    expect(closed.get(".idle").text()).toBe("未开放");
    expect(closed.get("[data-testid=utilization]").text()).toBe("—");
    const paused = render(buildTiles(hallSummary(), liveView({ windows: [windowLoad("w1", { state: "paused" })] }))[0] as TileModel);
    expect(paused.get(".idle").text()).toBe("暂停");
    for (const w of [idle, closed, paused]) expect(w.text()).not.toMatch(/NaN|undefined|null/);
  });

  it("renders hostile window and department names as literal text", () => {
    const hall = hallSummary({ windows: [{ id: "w1", name: XSS_IMG, department: XSS_SVG, categories: [], comprehensive: false }] });
    const w = render(buildTiles(hall, liveView())[0] as TileModel);
    expect(w.get(".name").text()).toBe(XSS_IMG);
    expect(w.get(".dept").text()).toBe(XSS_SVG);
    expect(w.find("img").exists()).toBe(false);
    expect(w.find("svg").exists()).toBe(false);
  });

  it("shows a lost heartbeat in place of the department, the longest loss of the window, and nothing once heard again", () => {
    const lastSeenAt = new Date(NOW - 6 * 60_000).toISOString();
    const view = liveView({
      heartbeats: [
        { windowId: "w2", deviceId: null, lastSeenAt, lostMinutes: 6 },
        { windowId: "w2", deviceId: "counter-2", lastSeenAt, lostMinutes: 3 },
      ],
    });
    const [w1, w2] = buildTiles(hallSummary(), view) as [TileModel, TileModel];
    expect(render(w1).find("[data-testid=heartbeat-lost]").exists()).toBe(false);
    const lost = render(w2);
    expect(lost.get("[data-testid=heartbeat-lost]").text()).toBe("⚠终端离线 6 分钟");
    expect(lost.find(".dept").exists()).toBe(false);
    setLocale("en");
    expect(render(w2).get("[data-testid=heartbeat-lost]").text()).toBe("⚠Terminal offline 6 min");
    setLocale("zh-CN");
    // Under a minute (only with a timeout shorter than the default 2 minutes): no "0 分钟".
    const just = buildTiles(hallSummary(), liveView({ heartbeats: [{ windowId: "w1", deviceId: "counter-1", lastSeenAt, lostMinutes: 0 }] }))[0] as TileModel;
    expect(render(just).get("[data-testid=heartbeat-lost]").text()).toBe("⚠终端刚离线");
    const heard = buildTiles(hallSummary(), liveView({ heartbeats: [] }))[1] as TileModel;
    expect(render(heard).find("[data-testid=heartbeat-lost]").exists()).toBe(false);
  });

  it("says an open window has called nobody while people wait, and for how long since its last activity", () => {
    const view = liveView({
      floor: {
        idle: [{ windowId: "w2", since: new Date(NOW - 2 * 60_000).toISOString(), idleMinutes: 2, lastActivityAt: new Date(NOW - 7 * 60_000 - 5_000).toISOString() }],
        waits: [],
        warnings: [],
      },
    });
    // w2 is open with nobody at it; w1 is serving, so it is not idle whatever the floor says.
    const [w1, w2] = buildTiles(hallSummary(), view) as [TileModel, TileModel];
    const idle = render(w2);
    expect(idle.get("[data-testid=idle-while-waiting]").text()).toBe("⚠有人等候 · 7 分钟未叫号");
    expect(idle.classes()).toContain("idle-waiting");
    expect(render(w1).find("[data-testid=idle-while-waiting]").exists()).toBe(false);
    setLocale("en");
    expect(render(w2).get("[data-testid=idle-while-waiting]").text()).toBe("⚠People waiting · no call for 7 min");
    setLocale("zh-CN");
  });
});
