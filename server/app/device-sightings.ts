// Device sightings for the lost-heartbeat alert (issue #9). The contract has no heartbeat event, so a
// device's sign of life is what the server itself sees: a /staff console socket connected for a window
// (alive while connected; each staff action refreshes it) and every ingested event with a deviceId that
// names a window. In memory only: after a restart every device starts unseen, so nothing is reported
// lost until it has been seen once and gone quiet (docs/metrics.md, "Idle while waiting").
import type { HallConfig, HallEvent, LiveHeartbeat } from "../../contract/index.js";
import { DEFAULT_HEARTBEAT_TIMEOUT_MS, floorAlerts, type DeviceSighting } from "../domain/floor-watch/index.js";
import type { HallFacts } from "../domain/hall-facts.js";

/** The staff console of a window: not a valid client device id (ids have no spaces), so it never collides. */
export const CONSOLE_DEVICE = "staff console";

interface Entry {
  windowId: string;
  deviceId: string;
  lastSeenMs: number;
  /** Open /staff sockets of this window (two tabs are one console). */
  sockets: number;
  /** Issue #11: a console of this window is connected to another node of the cluster (last census). */
  elsewhere: boolean;
}

export class DeviceSightings {
  private readonly halls = new Map<string, Map<string, Entry>>();

  /**
   * `onChange` hears a console connect or disconnect, and a device heard again after being quiet for the
   * heartbeat timeout (it may be shown lost), so the live view can be republished at once.
   */
  constructor(
    private readonly onChange: (hallId: string) => void = () => {},
    private readonly timeoutMs: number = DEFAULT_HEARTBEAT_TIMEOUT_MS,
  ) {}

  /** A sign of life of a device at a window (an ingested event, a staff action). */
  seen(hallId: string, windowId: string, deviceId: string, at: number): void {
    const e = this.entry(hallId, windowId, deviceId, at);
    const wasQuiet = e.sockets === 0 && at - e.lastSeenMs >= this.timeoutMs;
    e.lastSeenMs = Math.max(e.lastSeenMs, at);
    if (wasQuiet) this.onChange(hallId);
  }

  /** A console socket of the window connected. */
  connected(hallId: string, windowId: string, at: number): void {
    const e = this.entry(hallId, windowId, CONSOLE_DEVICE, at);
    e.sockets += 1;
    e.lastSeenMs = Math.max(e.lastSeenMs, at);
    this.onChange(hallId);
  }

  /** A console socket of the window disconnected: its last sign of life is now. */
  disconnected(hallId: string, windowId: string, at: number): void {
    const e = this.entry(hallId, windowId, CONSOLE_DEVICE, at);
    e.sockets = Math.max(0, e.sockets - 1);
    e.lastSeenMs = Math.max(e.lastSeenMs, at);
    this.onChange(hallId);
  }

  /** Each accepted event with a deviceId that names a window is a sighting of that device, at receipt. */
  fromEvents(hallId: string, events: readonly HallEvent[], receivedAt: number): void {
    for (const e of events) {
      const windowId = "windowId" in e ? e.windowId : e.type === "ticket.transferred" ? e.fromWindowId : undefined;
      if (e.deviceId !== undefined && windowId !== undefined) this.seen(hallId, windowId, e.deviceId, receivedAt);
    }
  }

  of(hallId: string): DeviceSighting[] {
    return [...(this.halls.get(hallId)?.values() ?? [])].map((e) => ({ windowId: e.windowId, deviceId: e.deviceId, lastSeenMs: e.lastSeenMs, connected: e.sockets > 0 || e.elsewhere }));
  }

  /**
   * Issue #11: the census of consoles connected anywhere in the cluster (socket.io's fetchSockets through
   * the Redis adapter), as `hallId\0windowId` keys. A console connected to another node is alive here too;
   * one that left the census was last seen now.
   */
  clusterConsoles(connected: ReadonlySet<string>, at: number): void {
    const changed = new Set<string>();
    for (const [hallId, hall] of this.halls)
      for (const e of hall.values()) {
        if (e.deviceId !== CONSOLE_DEVICE) continue;
        const now = connected.has(`${hallId}\u0000${e.windowId}`);
        if (now === e.elsewhere) continue;
        e.elsewhere = now;
        e.lastSeenMs = Math.max(e.lastSeenMs, at);
        changed.add(hallId);
      }
    for (const key of connected) {
      const [hallId = "", windowId = ""] = key.split("\u0000");
      const e = this.entry(hallId, windowId, CONSOLE_DEVICE, at);
      if (!e.elsewhere) {
        e.elsewhere = true;
        changed.add(hallId);
      }
    }
    for (const hallId of changed) this.onChange(hallId);
  }

  private entry(hallId: string, windowId: string, deviceId: string, at: number): Entry {
    let hall = this.halls.get(hallId);
    if (!hall) this.halls.set(hallId, (hall = new Map()));
    const key = `${windowId}\u0000${deviceId}`;
    let e = hall.get(key);
    if (!e) hall.set(key, (e = { windowId, deviceId, lastSeenMs: at, sockets: 0, elsewhere: false }));
    return e;
  }
}

/**
 * The live view's `heartbeats`: floorAlerts' heartbeat_lost entries in the contract's shape. Only devices
 * that could be lost are passed on (disconnected and silent for the timeout), so a hall whose devices all
 * talk skips the floor computation entirely.
 */
export function lostHeartbeats(facts: HallFacts, hall: HallConfig, sightings: readonly DeviceSighting[], now: number, timeoutMs = DEFAULT_HEARTBEAT_TIMEOUT_MS): LiveHeartbeat[] {
  const candidates = sightings.filter((s) => s.connected !== true && s.lastSeenMs + timeoutMs <= now);
  if (candidates.length === 0) return [];
  return floorAlerts(facts, hall, { now, sightings: candidates, heartbeatTimeoutMs: timeoutMs })
    .filter((a) => a.kind === "heartbeat_lost")
    .map((a) => ({
      windowId: a.windowId,
      deviceId: a.deviceId === undefined || a.deviceId === CONSOLE_DEVICE ? null : a.deviceId,
      lastSeenAt: new Date(a.lastActivityAt).toISOString(),
      lostMinutes: Math.floor((now - a.lastActivityAt) / 60_000),
    }));
}

/**
 * The lost heartbeats per hall, recomputed at most every `refreshMs` (default 5 s, like the floor
 * section): while some device is quiet, `lostHeartbeats` runs floorAlerts over the hall (~30 ms on a busy
 * hall), too slow for every 250 ms flush. A console's connect or disconnect drops the hall's entry, so
 * those show at the next flush.
 */
export class LostHeartbeatsCache {
  private readonly halls = new Map<string, { at: number; value: LiveHeartbeat[] }>();

  constructor(private readonly refreshMs = 5000) {}

  get(hallId: string, now: number, compute: () => LiveHeartbeat[]): LiveHeartbeat[] {
    const cached = this.halls.get(hallId);
    // The 50 ms tolerance lets the 5 s publication heartbeat refresh it rather than the one after.
    if (cached && now >= cached.at && now - cached.at < this.refreshMs - 50) return cached.value;
    const value = compute();
    this.halls.set(hallId, { at: now, value });
    return value;
  }

  forget(hallId: string): void {
    this.halls.delete(hallId);
  }
}
