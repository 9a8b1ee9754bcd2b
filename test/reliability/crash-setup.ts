// The crash loop's start: the server with its hall and tokens, the seeded event stream cut into batches
// dealt to the devices, the kill moments of every cycle, then the displays and the devices connected and
// sending. The rng is drawn in a fixed order (stream, batches, kill moments) so that a seed replays a run.
import { performance } from "node:perf_hooks";
import type { HallEvent } from "../../contract/index.js";
import { Rng } from "../../simulator/random.js";
import { Api } from "../helpers/api.js";
import { DisplayClient } from "../helpers/display-client.js";
import { testHall } from "../helpers/hall-fixture.js";
import type { CrashLoopSettings } from "./crash-loop-settings.js";
import type { CrashRun } from "./crash-run.js";
import { Device } from "./device.js";
import { HALL, crashStream } from "./event-stream.js";
import { until } from "./wait.js";

/** When a cycle kills: once `acked` more events are acknowledged since the restart, `delayMs` later. */
export interface KillMoment {
  acked: number;
  delayMs: number;
}

export interface RunSetup {
  /** How long the first start took (the first restart killed during its start is timed by it). */
  firstStartMs: number;
  displayToken: string;
  /** Date.now() when the stream was made: its events lie around it. */
  startMs: number;
  killAt: KillMoment[];
}

/** Starts everything; devices and displays go into `run` as they are made, so that the loop's `finally` closes them. */
export async function setUpRun(run: CrashRun, s: CrashLoopSettings, rng: Rng): Promise<RunSetup> {
  const { server, ledger, devices, displays } = run;
  s.log(`crash loop: seed=${s.seed} cycles=${s.cycles} devices=${s.devices} displays=${s.displays} (replay with --seed ${s.seed})`);
  const tFirst = performance.now();
  await server.start();
  const firstStartMs = performance.now() - tFirst;
  const admin = new Api(server.url, server.adminToken);
  const put = await admin.putHall(HALL, testHall);
  if (put.status !== 201 && put.status !== 200) throw new Error(`PUT hall answered ${put.status}`);
  const deviceToken = (await admin.createToken({ role: "device", hallId: HALL })).body.token;
  const displayToken = (await admin.createToken({ role: "display", hallId: HALL })).body.token;

  // The stream, cut into batches of random size dealt to the devices at random.
  const startMs = Date.now();
  // Long enough for every cycle to take its share plus what is in flight at the kill (on average about
  // 1.1 shares, at most 2), with the rest sent after the last restart.
  run.events = crashStream(rng, HALL, startMs, Math.ceil(s.perCycle * (1.6 * s.cycles + 2)));
  const events = run.events;
  const perDevice: HallEvent[][][] = Array.from({ length: s.devices }, () => []);
  for (let i = 0; i < events.length; ) {
    const size = rng.int(1, s.batchMax);
    perDevice[rng.int(0, s.devices - 1)]?.push(events.slice(i, i + size));
    i += size;
  }
  // Kill moments: once a random 20–100 % of a cycle's share has been acknowledged since the restart,
  // plus a random few milliseconds, so kills land before, during and after commits and acks. The devices
  // may take up a whole share more than that, so that batches are in flight when the kill comes.
  // Half of the kills come at once when the count is reached (right after an ack went out), the other
  // half a random 1–10 ms later (anywhere in a commit, an ack or between batches).
  const killAt = Array.from({ length: s.cycles }, () => ({ acked: Math.round(s.perCycle * rng.uniform(0.2, 1)), delayMs: rng.chance(0.5) ? 0 : rng.int(1, 10) }));

  for (let i = 0; i < s.displays; i++)
    displays.push(new DisplayClient({ url: server.url, token: displayToken, hallId: HALL, reconnection: true, reconnectionDelayMs: 50 }));
  await Promise.all(displays.map((d) => d.ready(s.stepTimeout)));

  for (let i = 0; i < s.devices; i++) {
    const device = new Device(i, server.url, deviceToken, perDevice[i] as HallEvent[][], ledger, new Rng(s.seed ^ (0x9e3779b9 * (i + 1))), {
      inFlight: s.inFlight,
      ackTimeoutMs: 5000,
      lossRate: s.ackLossRate,
      devices: s.devices,
      lastGeneration: s.cycles,
      paceMs: s.paceMs,
    });
    devices.push(device);
  }
  await until(() => devices.every((d) => d.socket.connected), s.stepTimeout, "devices connected");
  for (const d of devices) d.start();
  return { firstStartMs, displayToken, startMs, killAt };
}
