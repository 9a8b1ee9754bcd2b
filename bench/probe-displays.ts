// The probe the event-to-wall measurements share (bench/event-to-wall.ts, the scale-out and province
// sections): an extra window of the bench hall whose paused/open state each probe event flips, displays
// connected as the wall page connects, and the watcher that timestamps each change of that window's state
// as a display sees it.
import { io, type Socket } from "socket.io-client";
import type { HallConfig } from "../contract/index.js";
import { BENCH_HALL } from "./datasets.js";

export const PROBE_WINDOW = "wprobe";

/** The bench hall with one more window, used only by the probe events; `timezone`: the hall's zone (the province places its halls: provinceZone). */
export function probeHall(timezone = BENCH_HALL.timezone): HallConfig {
  const first = BENCH_HALL.windows[0];
  if (!first) throw new Error("bench hall has no windows");
  return { ...BENCH_HALL, timezone, windows: [...BENCH_HALL.windows, { id: PROBE_WINDOW, name: "探针窗口", department: first.department, categories: [...first.categories] }] };
}

/** What a display update or snapshot says of the probe window's state (whole entry or changed fields), if anything. */
export type ProbeView = { view: { windows?: { windowId: string; state: string }[]; windowFields?: { windowId: string; state?: string }[] } };

export function probeStateIn(m: ProbeView): string | undefined {
  return m.view.windows?.find((x) => x.windowId === PROBE_WINDOW)?.state ?? m.view.windowFields?.find((x) => x.windowId === PROBE_WINDOW)?.state;
}

/** A /display socket connected as the wall page connects: compact, without the per-ticket waits, changed fields only (docs/contract.md). */
export function wallLikeDisplay(url: string, token: string): Socket {
  return io(`${url}/display`, { auth: { token, compact: true, floorTickets: false, fieldDeltas: true }, transports: ["websocket"], forceNew: true, reconnection: false });
}

/** A handler for a display's snapshots and updates that records each change of the probe window's state. */
export function probeWatcher(changes: { at: number; state: string }[]): (m: ProbeView) => void {
  let state: string | null = null;
  return (m) => {
    const seen = probeStateIn(m);
    if (seen !== undefined && seen !== state) {
      state = seen;
      changes.push({ at: performance.now(), state: seen });
    }
  };
}

export interface ProbeDisplay {
  socket: Socket;
  changes: { at: number; state: string }[];
  updates: number;
  sampleBytes: number[];
}

/** `count` wall-like displays, connected 50 at a time; the first one samples update sizes when asked. */
export function connectProbeDisplays(url: string, token: string, count: number, sampleSizes: boolean): Promise<ProbeDisplay[]> {
  const connectOne = (i: number) =>
    new Promise<ProbeDisplay>((resolve, reject) => {
      const d: ProbeDisplay = { socket: wallLikeDisplay(url, token), changes: [], updates: 0, sampleBytes: [] };
      const see = probeWatcher(d.changes);
      d.socket.on("snapshot", (s: ProbeView) => {
        see(s);
        resolve(d);
      });
      d.socket.on("update", (u: ProbeView) => {
        d.updates++;
        if (sampleSizes && i === 0) d.sampleBytes.push(JSON.stringify(u).length);
        see(u);
      });
      d.socket.once("connect_error", (err) => reject(new Error(`display refused: ${err.message}`)));
    });
  return (async () => {
    const out: ProbeDisplay[] = [];
    for (let i = 0; i < count; i += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => connectOne(i + k)))));
    return out;
  })();
}
