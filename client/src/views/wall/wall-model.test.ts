import { describe, expect, it } from "vitest";
import { buildTiles, elapsedSeconds, fitCanvas, nextClockOffset, staleness, tickerCalls, tileGrid, windowNames } from "./wall-model.js";
import { NOW, XSS_IMG, hallSummary, liveView, windowLoad } from "./wall-fixtures.js";

describe("tiles", () => {
  it("has one tile per configured window, in the hall's order, with the live figures", () => {
    const tiles = buildTiles(hallSummary(), liveView());
    expect(tiles.map((t) => [t.windowId, t.name, t.department, t.state, t.hot, t.cold])).toEqual([
      ["w1", "1号窗口", "人社局", "open", true, false],
      ["w2", "2号窗口", "人社局", "open", false, true],
      ["w3", "3号窗口", "自然资源局", "closed", false, false],
    ]);
    expect(tiles[0]?.ticket).toEqual({ ticketNo: "A023", phase: "serving", sinceMs: NOW - 125_000 });
    expect(tiles[0]?.utilization).toBe(0.95);
    expect(tiles[0]?.servedToday).toBe(12);
  });

  it("shows no utilization (not 0%) for a window not open in the last hour, and closed without figures", () => {
    const tiles = buildTiles(hallSummary(), liveView({ windows: [windowLoad("w1")] }));
    expect(tiles[2]?.utilization).toBeNull();
    expect(tiles[1]).toMatchObject({ state: "closed", ticket: null, utilization: null, servedToday: 0 });
    expect(buildTiles(hallSummary(), null).every((t) => t.state === "closed")).toBe(true);
  });

  it("never shows the ticket of a closed window, and never NaN for a broken time", () => {
    const view = liveView({
      windows: [
        windowLoad("w1", { state: "closed", currentTicket: { ticketNo: "A1", categoryId: null, phase: "called", since: "2026-11-25T06:00:00Z" } }),
        windowLoad("w2", { currentTicket: { ticketNo: "A2", categoryId: null, phase: "called", since: "garbage" } }),
      ],
    });
    const tiles = buildTiles(hallSummary(), view);
    expect(tiles[0]?.ticket).toBeNull();
    expect(tiles[1]?.ticket?.sinceMs).toBe(0);
  });
});

describe("names, calls and grid", () => {
  it("names windows by their configured name in the hall's order (as given, even hostile text)", () => {
    const hall = hallSummary({ windows: [...hallSummary().windows, { id: "wx", name: XSS_IMG, department: "d", categories: [], comprehensive: false }] });
    expect(windowNames(hall, ["wx", "w1"])).toEqual(["1号窗口", XSS_IMG]);
    expect(windowNames(hall, ["gone"])).toEqual(["gone"]);
  });

  it("lists calls newest first with window names, keyed stably, marked as recalls", () => {
    const calls = tickerCalls(hallSummary(), liveView().recentCalls);
    expect(calls.map((c) => [c.ticketNo, c.windowName, c.recall])).toEqual([
      ["A023", "1号窗口", false],
      ["E007", "3号窗口", true],
    ]);
    expect(tickerCalls(hallSummary(), liveView().recentCalls)[0]?.key).toBe(calls[0]?.key);
    expect(tickerCalls(hallSummary(), [{ ticketNo: "Z1", windowId: "w9", categoryId: null, ts: "t", recall: false }])[0]?.windowName).toBeNull();
    expect(tickerCalls(hallSummary(), [])).toEqual([]);
  });

  it("fits 23 windows in 8 × 3 and more in more rows", () => {
    expect(tileGrid(23)).toEqual({ columns: 8, rows: 3 });
    expect(tileGrid(3)).toEqual({ columns: 4, rows: 1 });
    expect(tileGrid(0)).toEqual({ columns: 4, rows: 1 });
    expect(tileGrid(30)).toEqual({ columns: 8, rows: 4 });
  });
});

describe("staleness and time", () => {
  it("is stale when disconnected or when no update came for longer than the limit", () => {
    expect(staleness("connected", NOW - 3_000, NOW, 12_000)).toEqual({ stale: false, ageSeconds: 3 });
    expect(staleness("connected", NOW - 12_500, NOW, 12_000)).toEqual({ stale: true, ageSeconds: 12 });
    expect(staleness("offline", NOW - 1_000, NOW, 12_000)).toEqual({ stale: true, ageSeconds: 1 });
    expect(staleness("connecting", null, NOW, 12_000)).toEqual({ stale: true, ageSeconds: null });
  });

  it("fits the 1920×1080 canvas to any screen, letterboxed and centred", () => {
    expect(fitCanvas(1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
    expect(fitCanvas(3840, 2160)).toEqual({ scale: 2, left: 0, top: 0 });
    const small = fitCanvas(1366, 768);
    expect(small.scale).toBeCloseTo(768 / 1080);
    expect(small.left).toBe(Math.floor((1366 - 1920 * small.scale) / 2));
    expect(fitCanvas(1080, 1920)).toMatchObject({ scale: 0.5625, left: 0, top: 656 });
  });

  it("follows the server clock only on a clear difference, never negative durations", () => {
    expect(nextClockOffset(0, NOW + 500, NOW)).toBe(0);
    expect(nextClockOffset(0, NOW + 90_000, NOW)).toBe(90_000);
    expect(nextClockOffset(90_000, NOW + 89_000, NOW)).toBe(90_000);
    expect(nextClockOffset(5, Number.NaN, NOW)).toBe(5);
    expect(elapsedSeconds(NOW + 2_000, NOW)).toBe(0);
    expect(elapsedSeconds(NOW - 125_400, NOW)).toBe(125);
  });
});
