// Pure helpers of the wall: what each tile, the banner and the ticker show, how stale the data is and
// how the fixed 1920×1080 canvas fits the screen. No Vue, no clock: everything is passed in (unit-tested).
import type { HallSummary, LoadView, RecentCall, WindowLoad, WindowState } from "../../../../contract/index.js";

export const CANVAS = { width: 1920, height: 1080 } as const;

export interface TileTicket {
  ticketNo: string;
  phase: "called" | "serving";
  sinceMs: number;
}

export interface TileModel {
  windowId: string;
  name: string;
  department: string;
  state: WindowState;
  hot: boolean;
  cold: boolean;
  /** Open ≥ 10 minutes of the last hour (judged hot or cold only then). */
  eligible: boolean;
  /** busy / open over the last 60 minutes; null when the window was not open in that hour. */
  utilization: number | null;
  servedToday: number;
  ticket: TileTicket | null;
  /** Issue #9: the longest lost heartbeat of the window's console or terminals, in whole minutes (absent: none lost). */
  heartbeatLostMinutes?: number;
  /** Issue #9: open with people waiting in its categories but calling nobody: when the quiet stretch began (epoch ms). */
  idleQuietSinceMs?: number;
}

const closedLoad = (windowId: string): WindowLoad => ({
  windowId,
  openSeconds: 0,
  busySeconds: 0,
  utilization: 0,
  served: 0,
  avgHandleSeconds: null,
  ratingAvg: null,
  ratingCount: 0,
  eligible: false,
  hot: false,
  cold: false,
  state: "closed",
  stateSince: null,
  currentTicket: null,
  servedToday: 0,
});

const finite = (n: number) => (Number.isFinite(n) ? n : 0);

/** One tile per configured window, in the hall's order, with its live figures (closed when none). */
export function buildTiles(hall: HallSummary, view: LoadView | null): TileModel[] {
  const loads = new Map((view?.windows ?? []).map((w) => [w.windowId, w]));
  const lost = new Map<string, number>();
  for (const h of view?.heartbeats ?? []) lost.set(h.windowId, Math.max(lost.get(h.windowId) ?? 0, h.lostMinutes));
  const idle = new Map<string, number>();
  for (const i of view?.floor?.idle ?? []) {
    const quietSince = Date.parse(i.lastActivityAt ?? i.since);
    if (Number.isFinite(quietSince)) idle.set(i.windowId, quietSince);
  }
  return hall.windows.map((w) => {
    const load = loads.get(w.id) ?? closedLoad(w.id);
    const since = load.currentTicket ? Date.parse(load.currentTicket.since) : NaN;
    return {
      windowId: w.id,
      name: w.name,
      department: w.department,
      state: load.state,
      hot: load.hot,
      cold: load.cold,
      eligible: load.eligible,
      utilization: load.openSeconds > 0 ? finite(load.utilization) : null,
      servedToday: finite(load.servedToday),
      ticket:
        load.currentTicket && load.state !== "closed"
          ? { ticketNo: load.currentTicket.ticketNo, phase: load.currentTicket.phase, sinceMs: Number.isFinite(since) ? since : 0 }
          : null,
      ...(lost.has(w.id) ? { heartbeatLostMinutes: lost.get(w.id) as number } : {}),
      ...(idle.has(w.id) && !load.currentTicket ? { idleQuietSinceMs: idle.get(w.id) as number } : {}),
    };
  });
}

/** The configured names of the given window ids, in the hall's order (unknown ids keep their id). */
export function windowNames(hall: HallSummary, ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  const known = hall.windows.filter((w) => wanted.has(w.id)).map((w) => w.name);
  const unknown = ids.filter((id) => !hall.windows.some((w) => w.id === id));
  return [...known, ...unknown];
}

export interface TickerCall {
  /** Stable across updates: the same call keeps its key, so the list animates instead of re-rendering. */
  key: string;
  ticketNo: string;
  windowName: string | null;
  recall: boolean;
  ts: string;
}

/** The latest calls, newest first, with window names (ticket numbers only, never a person). */
export function tickerCalls(hall: HallSummary, calls: readonly RecentCall[], limit = 6): TickerCall[] {
  const names = new Map(hall.windows.map((w) => [w.id, w.name]));
  const seen = new Set<string>();
  const out: TickerCall[] = [];
  for (const c of calls) {
    const key = `${c.ts}|${c.ticketNo}|${c.windowId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, ticketNo: c.ticketNo, windowName: names.get(c.windowId) ?? null, recall: c.recall, ts: c.ts });
    if (out.length >= limit) break;
  }
  return out;
}

export interface Staleness {
  stale: boolean;
  /** Whole seconds since the last snapshot or update; null before any data. */
  ageSeconds: number | null;
}

/** Stale when the connection is not up, or no update arrived for longer than `staleAfterMs`. */
export function staleness(status: string | null, lastDataAt: number | null, nowMs: number, staleAfterMs: number): Staleness {
  const age = lastDataAt === null ? null : Math.max(0, nowMs - lastDataAt);
  return {
    stale: status !== "connected" || age === null || age > staleAfterMs,
    ageSeconds: age === null ? null : Math.floor(age / 1000),
  };
}

/** Columns and rows of the tile grid: 8 × 3 for the demo hall's 23 windows, more rows past 24. */
export function tileGrid(count: number): { columns: number; rows: number } {
  const n = Math.max(1, count);
  const rows = n <= 8 ? 1 : n <= 16 ? 2 : n <= 24 ? 3 : n <= 36 ? 4 : 5;
  return { columns: Math.max(4, Math.ceil(n / rows)), rows };
}

/** Scale and offset that fit the fixed canvas into a viewport, centred (letterboxed). */
export function fitCanvas(viewportWidth: number, viewportHeight: number): { scale: number; left: number; top: number } {
  const w = viewportWidth > 0 ? viewportWidth : CANVAS.width;
  const h = viewportHeight > 0 ? viewportHeight : CANVAS.height;
  const scale = Math.min(w / CANVAS.width, h / CANVAS.height);
  return { scale, left: Math.floor((w - CANVAS.width * scale) / 2), top: Math.floor((h - CANVAS.height * scale) / 2) };
}

/** Seconds between two instants, never negative (a device clock may put `since` slightly ahead). */
export const elapsedSeconds = (sinceMs: number, nowMs: number) => Math.max(0, Math.floor((nowMs - sinceMs) / 1000));

/**
 * The offset to add to the local clock to get the server's: the view's `to` is the server's "now" when
 * it computed the figures. Moves only on a clear difference, so the ticking clock never jitters.
 */
export function nextClockOffset(current: number, serverNowMs: number, localNowMs: number, toleranceMs = 2000): number {
  if (!Number.isFinite(serverNowMs)) return current;
  const sample = serverNowMs - localNowMs;
  return Math.abs(sample - current) > toleranceMs ? sample : current;
}
