// The manager's live list: windows idle while people wait, and consoles or counter terminals whose
// heartbeat is lost. The contract has no heartbeat event, so liveness is whatever the caller last saw of
// a device (a /staff socket, an /ingest event with that deviceId): passed in, never read from a clock.
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { openIntervals, stateAt } from "../window-timeline.js";
import { DEFAULT_IDLE_THRESHOLD_MS, idleEpisodes } from "./idle-episodes.js";
import { mergeIntervals } from "./interval-ops.js";
import { staysByCategory } from "./queue-stays.js";

/** A device is lost after this long without a sign of life (socket.io's own ping gives up after ~45 s). */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 2 * 60_000;

export type FloorAlertKind = "idle_while_waiting" | "heartbeat_lost";

export interface FloorAlert {
  windowId: string;
  kind: FloorAlertKind;
  /** When the condition fired (epoch ms): last activity + idle threshold, or last sign of life + timeout. */
  since: number;
  /** now − since, in minutes. */
  idleMinutes: number;
  /** The last activity (idle) or the last sign of life (heartbeat) before it fired. */
  lastActivityAt: number;
  /** heartbeat_lost: the silent device. */
  deviceId?: string;
}

export interface DeviceSighting {
  windowId: string;
  deviceId: string;
  /** Server time the device was last heard from (connect, action, event received, socket ping). */
  lastSeenMs: number;
  /** A live socket is alive whatever lastSeenMs says. */
  connected?: boolean;
}

export interface FloorAlertOptions {
  now: number;
  idleThresholdMs?: number;
  heartbeatTimeoutMs?: number;
  sightings?: readonly DeviceSighting[];
}

/** Idle windows and lost devices at `now`, in the configuration's window order (idle first per window). */
export function floorAlerts(facts: HallFacts, hall: HallConfig, opts: FloorAlertOptions): FloorAlert[] {
  const { now } = opts;
  const stays = staysByCategory(facts);
  const minutes = (since: number) => (now - since) / 60_000;
  const out: FloorAlert[] = [];
  for (const cfg of hall.windows) {
    // Only an open window can be idle, and its running stretch began within the current opening.
    const openNow = mergeIntervals(openIntervals(facts.windows.get(cfg.id)?.transitions ?? [])).find((iv) => iv.start <= now && now < iv.end);
    const running = openNow
      ? idleEpisodes(facts, cfg.id, cfg.categories, stays, now, opts.idleThresholdMs ?? DEFAULT_IDLE_THRESHOLD_MS, openNow.start).find((e) => e.end === null)
      : undefined;
    if (running) out.push({ windowId: cfg.id, kind: "idle_while_waiting", since: running.start, idleMinutes: minutes(running.start), lastActivityAt: running.quietSince });
    out.push(...lostDevices(facts, cfg.id, opts).map((a) => ({ ...a, idleMinutes: minutes(a.since) })));
  }
  return out;
}

/**
 * Devices of an open window not heard from for the timeout. A paused or closed window needs no console,
 * and a device silent since before the window (re)opened is counted from the opening, so a terminal that
 * was off overnight is not "lost for 14 hours" at 9:02.
 */
function lostDevices(facts: HallFacts, windowId: string, opts: FloorAlertOptions): Omit<FloorAlert, "idleMinutes">[] {
  const timeout = opts.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  const state = stateAt(facts.windows.get(windowId)?.transitions ?? [], opts.now);
  if (state.state !== "open" || state.since === null) return [];
  const openSince = state.since;
  return (opts.sightings ?? [])
    .filter((s) => s.windowId === windowId && s.connected !== true)
    .map((s) => ({ s, since: Math.max(s.lastSeenMs, openSince) + timeout }))
    .filter(({ since }) => since <= opts.now)
    .sort((a, b) => a.since - b.since || (a.s.deviceId < b.s.deviceId ? -1 : 1))
    .map(({ s, since }) => ({ windowId, kind: "heartbeat_lost" as const, since, lastActivityAt: Math.max(s.lastSeenMs, openSince), deviceId: s.deviceId }));
}
