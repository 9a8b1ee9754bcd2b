// The crash loop (issue #7, durability): simulator-like devices send events over socket.io `/ingest`
// with acks and retries, and displays follow `/display` with reconnection on, while the server process
// is killed with SIGKILL at random (seeded) moments and restarted on the same SQLite file, over and over.
//
// What it proves, per run:
// - every event the server acknowledged is in the database exactly once — checked on the file itself
//   after every kill (the server down, the file as the crash left it) and at the end;
// - `PRAGMA integrity_check` is ok after every kill and at the end;
// - an acknowledgement lost to a kill is retried with the same ids and answered `duplicate`, never
//   counted twice; batches a device pretends it lost are resent after the next restart and must all be
//   `duplicate`;
// - after the last restart the server's figures equal those computed from the log alone;
// - the displays connected through the restarts hold exactly the server's snapshot and the live view of
//   GET /load, and none applied an update twice or on top of the wrong seq.
//
// This file is the driver (kill, check the file, restart, repeat, then the verdict); the parts it drives
// live beside it:
// - event-stream.ts   the hall and its seeded event stream (the workload);
// - device.ts         an /ingest device that retries until acked and pretends to lose acks;
// - ledger.ts         what the devices were acknowledged, shared by all of them;
// - kill-during-boot.ts  a restart killed part-way through its start;
// - db-file-check.ts  integrity_check and the stored ids, read from the file as the crash left it;
// - display-checks.ts the /display clients' promises and their final comparison with the server;
// - view-compare.ts   JSON equality and a readable diff for failure details;
// - report-format.ts  the report as text; crash-loop-types.ts the options and report shapes.
//
// Used by test/integration/crash-loop.int.test.ts (a few cycles) and scripts/crash-loop.ts (any number,
// `npm run test:crash -- --cycles 200 [--seed S]`).
import { performance } from "node:perf_hooks";
import type { HallEvent } from "../../contract/index.js";
import { Rng } from "../../simulator/random.js";
import { Api } from "../helpers/api.js";
import { DisplayClient } from "../helpers/display-client.js";
import { testHall } from "../helpers/hall-fixture.js";
import { figuresFromLog } from "../helpers/log-figures.js";
import { ServerProcess } from "../helpers/server-process.js";
import type { CheckResult, CrashLoopOptions, CrashLoopReport, DisplayReport } from "./crash-loop-types.js";
import { checkFile, type FileCheck } from "./db-file-check.js";
import { Device } from "./device.js";
import { compareDisplaysWithServer, displaysReport } from "./display-checks.js";
import { HALL, crashStream } from "./event-stream.js";
import { startAndKillDuringBoot } from "./kill-during-boot.js";
import { Ledger } from "./ledger.js";
import { deepEqual, diffSummary } from "./view-compare.js";
import { sleep, until } from "./wait.js";

// The public API, unchanged by the split: callers import everything from this file.
export type { CheckResult, CrashLoopOptions, CrashLoopReport, DisplayReport } from "./crash-loop-types.js";
export { crashStream } from "./event-stream.js";
export { formatCrashLoopReport } from "./report-format.js";

// ── the loop ─────────────────────────────────────────────────────────────────────────────────

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopReport> {
  const began = performance.now();
  const cycles = Math.max(0, Math.floor(options.cycles));
  const devicesN = Math.max(1, options.devices ?? 4);
  const displaysN = Math.max(0, options.displays ?? 2);
  const seed = (options.seed ?? Math.floor(Math.random() * 2 ** 31)) >>> 0;
  const perCycle = Math.max(20, options.eventsPerCycle ?? 120);
  const batchMax = Math.max(1, Math.min(500, options.batchMax ?? 30));
  const stepTimeout = options.stepTimeoutMs ?? 60_000;
  const log = options.log ?? (() => {});
  const rng = new Rng(seed);
  const checks: CheckResult[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    if (!ok) log(`FAILED ${name}: ${detail}`);
  };

  const server = new ServerProcess();
  const ledger = new Ledger();
  const devices: Device[] = [];
  const displays: DisplayClient[] = [];
  let kills = 0;
  let bootKills = 0;
  const bootKillRate = Math.min(1, Math.max(0, options.bootKillRate ?? 0.2));
  let killsWithEventsInFlight = 0;
  let eventsInFlightAtKills = 0;
  let lostAtKills = 0;
  /** The most event ids stored more than once seen at any kill. */
  let doubledAtKills = 0;
  const integrityFailures: string[] = [];
  let final: FileCheck | null = null;
  let events: HallEvent[] = [];

  try {
    log(`crash loop: seed=${seed} cycles=${cycles} devices=${devicesN} displays=${displaysN} (replay with --seed ${seed})`);
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
    events = crashStream(rng, HALL, startMs, Math.ceil(perCycle * (1.6 * cycles + 2)));
    const perDevice: HallEvent[][][] = Array.from({ length: devicesN }, () => []);
    for (let i = 0; i < events.length; ) {
      const size = rng.int(1, batchMax);
      perDevice[rng.int(0, devicesN - 1)]?.push(events.slice(i, i + size));
      i += size;
    }
    // Kill moments: once a random 20–100 % of a cycle's share has been acknowledged since the restart,
    // plus a random few milliseconds, so kills land before, during and after commits and acks. The devices
    // may take up a whole share more than that, so that batches are in flight when the kill comes.
    // Half of the kills come at once when the count is reached (right after an ack went out), the other
    // half a random 1–10 ms later (anywhere in a commit, an ack or between batches).
    const killAt = Array.from({ length: cycles }, () => ({ acked: Math.round(perCycle * rng.uniform(0.2, 1)), delayMs: rng.chance(0.5) ? 0 : rng.int(1, 10) }));

    for (let i = 0; i < displaysN; i++)
      displays.push(new DisplayClient({ url: server.url, token: displayToken, hallId: HALL, reconnection: true, reconnectionDelayMs: 50 }));
    await Promise.all(displays.map((d) => d.ready(stepTimeout)));

    for (let i = 0; i < devicesN; i++) {
      const device = new Device(i, server.url, deviceToken, perDevice[i] as HallEvent[][], ledger, new Rng(seed ^ (0x9e3779b9 * (i + 1))), {
        inFlight: Math.max(1, options.inFlight ?? 2),
        ackTimeoutMs: 5000,
        lossRate: options.ackLossRate ?? 0.5,
        devices: devicesN,
        lastGeneration: cycles,
        paceMs: Math.max(0, options.paceMs ?? 20),
      });
      devices.push(device);
    }
    await until(() => devices.every((d) => d.socket.connected), stepTimeout, "devices connected");
    for (const d of devices) d.start();

    // The file as a crash left it: every event acknowledged so far (acks read after the process is gone
    // were sent before it died) is there exactly once, and the file is sound.
    const afterKill = (label: string): FileCheck & { lost: number } => {
      const file = checkFile(server.dbFile);
      const lostNow = [...ledger.serverAcked].filter((id) => !file.ids.has(id));
      lostAtKills += lostNow.length;
      doubledAtKills = Math.max(doubledAtKills, file.doubled);
      if (file.integrity !== "ok") integrityFailures.push(`after ${label}: ${file.integrity}`);
      if (lostNow.length > 0) log(`${label}: LOST ${lostNow.length} acknowledged events, e.g. ${lostNow.slice(0, 5).join(", ")}`);
      return { ...file, lost: lostNow.length };
    };
    let lastRestartMs = firstStartMs;

    for (let cycle = 0; cycle < cycles; cycle++) {
      const at = killAt[cycle] as { acked: number; delayMs: number };
      const tSend = performance.now();
      const target = ledger.serverAcked.size + at.acked;
      ledger.allowance = Math.max(ledger.allowance, target + perCycle);
      // (or the devices have nothing left they may send: the stream ran out)
      const stalled = () => devices.every((d) => d.batchesInFlight === 0) && (ledger.taken >= ledger.allowance || devices.every((d) => d.idle));
      await until(() => ledger.serverAcked.size >= target || stalled(), stepTimeout, `${target} events acknowledged before kill ${cycle + 1}`, 1);
      const why = ledger.serverAcked.size >= target ? "target" : "stalled";
      const sendMs = performance.now() - tSend;
      // Devices keep events in flight: the kill waits (briefly) for a batch to be on its way.
      await until(() => devices.some((d) => d.batchesInFlight > 0) || stalled(), 500, "a batch in flight", 1).catch(() => {});
      if (at.delayMs > 0) {
        await sleep(at.delayMs);
        // Still nothing on its way after the pause: kill as the next batch goes out.
        await until(() => devices.some((d) => d.batchesInFlight > 0) || stalled(), 500, "a batch in flight", 1).catch(() => {});
      }
      ledger.generation += 1;
      const connectionsBefore = displays.map((d) => d.connections);
      const inFlight = devices.reduce((n, d) => n + d.eventsInFlight, 0);
      await server.kill();
      kills += 1;
      if (inFlight > 0) killsWithEventsInFlight += 1;
      eventsInFlightAtKills += inFlight;

      const file = afterKill(`kill ${kills}`);
      let line = `kill ${String(kills).padStart(3)}/${cycles}: ${why === "stalled" ? "(stream ran out) " : ""}acked=${ledger.acked.size}/${events.length} in-flight=${inFlight} rows=${file.rows} integrity=${file.integrity} lost=${file.lost} doubled=${file.doubled}`;

      // Sometimes the restart itself is killed, anywhere from loading to rebuilding the live halls.
      if (rng.chance(bootKillRate)) {
        const delayMs = Math.round(rng.uniform(0.05, 1) * lastRestartMs);
        await startAndKillDuringBoot(server, delayMs);
        bootKills += 1;
        const boot = afterKill(`the kill during start ${bootKills}`);
        line += ` | killed again ${delayMs} ms into the restart: rows=${boot.rows} integrity=${boot.integrity} lost=${boot.lost} doubled=${boot.doubled}`;
      }

      const tStart = performance.now();
      await server.start();
      const restartMs = performance.now() - tStart;
      lastRestartMs = restartMs;
      // Displays follow the hall through every restart: wait until each has connected again and holds
      // a view received on that connection (the new server's snapshot) before the next kill.
      await Promise.all(
        displays.map((d, i) =>
          d.waitFor(
            (c) => c.connected && c.connections > (connectionsBefore[i] ?? 0) && c.received.some((m) => m.connection === c.connections && m.outcome === "applied"),
            stepTimeout,
            `display ${i + 1} back after restart ${kills}`,
          ),
        ),
      );
      log(`${line} (sent ${Math.round(sendMs)} ms, restart ${Math.round(restartMs)} ms, displays back ${Math.round(performance.now() - tStart - restartMs)} ms)`);
    }

    // The rest of the stream, all sent and acknowledged after the last restart.
    ledger.allowance = Number.POSITIVE_INFINITY;
    await until(() => devices.every((d) => d.done), stepTimeout * 2, "devices to finish their streams", 10);
    await Promise.all(devices.map((d) => d.stop()));

    // ── displays: quiescence, then the held views against a fresh snapshot and GET /load ──
    const api = new Api(server.url, server.adminToken);
    const { displaysEqual, displayDetail } = await compareDisplaysWithServer({ url: server.url, displayToken, displays, displaysN, api, stepTimeout });
    check("displays equal the server's snapshot and live view", displaysEqual, displayDetail);

    // ── figures after the last restart equal those computed from the log alone ──
    const from = startMs - 40 * 60_000;
    const to = Date.now();
    const served = await api.load(HALL, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    const fromLog = figuresFromLog(server.dbFile, HALL, testHall, from, to);
    check(
      "figures after the last restart equal the log's",
      served.status === 200 && deepEqual(served.body, fromLog),
      served.status !== 200 ? `GET /load answered ${served.status}` : deepEqual(served.body, fromLog) ? "equal" : diffSummary(served.body, fromLog),
    );

    for (const d of displays) d.close();
    // One more SIGKILL, then the final file check on the file as that crash left it.
    await server.kill();
    final = checkFile(server.dbFile);
  } catch (err) {
    check("the loop ran to the end", false, err instanceof Error ? err.message : String(err));
  } finally {
    for (const d of devices) d.socket.disconnect();
    for (const d of displays) d.close();
    await server.stop().catch(() => {});
  }
  // The loop stopped early: still check the file as it was left.
  if (final === null) {
    try {
      final = checkFile(server.dbFile);
    } catch (err) {
      log(`the database file could not be checked: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // ── the verdict ──
  const idsSent = new Set(events.map((e) => e.id));
  const lostAtEnd = final ? [...ledger.serverAcked].filter((id) => !final?.ids.has(id)) : [];
  const unknownRows = final ? [...final.ids].filter((id) => !idsSent.has(id)) : [];
  const lost = lostAtKills + lostAtEnd.length;
  const doubledRows = Math.max(doubledAtKills, final?.doubled ?? 0);
  const doubled = doubledRows + ledger.acceptedTwice.size;
  const integrity = final ? final.integrity : "not checked";
  const allIntegrity = integrityFailures.length === 0 && integrity === "ok";

  if (!checks.some((c) => c.name === "the loop ran to the end")) check("the loop ran to the end", true, `${kills} kills`);
  check("every event acknowledged", ledger.acked.size === events.length, `${ledger.acked.size}/${events.length}`);
  check("no event rejected", ledger.rejected.length === 0, ledger.rejected.slice(0, 3).map((r) => `${r.id}: ${r.error}`).join("; ") || "none");
  check("no acknowledged event lost", final !== null && lost === 0, `lost=${lost} (at kills ${lostAtKills}, at end ${lostAtEnd.length}${lostAtEnd.length ? `: ${lostAtEnd.slice(0, 5).join(", ")}` : ""})`);
  check(
    "no event doubled",
    final !== null && doubled === 0 && unknownRows.length === 0 && final.rows === events.length,
    `doubled=${doubled} (event ids stored twice ${doubledRows}, accepted twice ${ledger.acceptedTwice.size}); rows=${final?.rows ?? "?"} events=${events.length} unknown=${unknownRows.length}`,
  );
  check("integrity_check ok after every kill and at the end", allIntegrity, [...integrityFailures, `end: ${integrity}`].join("; "));
  check(
    "acks lost to a kill come back as duplicate",
    ledger.unexpectedDuplicates.length === 0 && ledger.replayedNotDuplicate.length === 0 && (cycles === 0 || ledger.replayed > 0),
    `replayed=${ledger.replayed} duplicate=${ledger.replayedDuplicates} not-duplicate=${ledger.replayedNotDuplicate.length}; retried after a lost ack=${ledger.retriedAfterLostAck} (duplicate ${ledger.lostAckDuplicates}); unexpected duplicates=${ledger.unexpectedDuplicates.length}`,
  );
  check(
    "kills land with events in flight",
    kills === 0 || killsWithEventsInFlight * 2 >= kills,
    `${killsWithEventsInFlight}/${kills} kills with events awaiting their ack (${eventsInFlightAtKills} events)`,
  );

  const display: DisplayReport = displaysReport(displays);
  if (displaysN > 0) {
    check(
      "displays never applied an update twice",
      display.appliedTwice === 0 && display.appliedOnWrongBase === 0 && display.seqRegressions === 0 && display.staleUpdates === 0,
      `applied twice=${display.appliedTwice} on a wrong base=${display.appliedOnWrongBase} seq regressions=${display.seqRegressions} resent (stale)=${display.staleUpdates}`,
    );
    check(
      "displays followed every restart",
      displays.every((d) => d.connections >= kills + 1),
      displays.map((d, i) => `display ${i + 1}: ${d.connections} connections`).join(", "),
    );
  }

  const ok = checks.every((c) => c.ok);
  if (ok && !options.keepDir) server.remove();
  const statuses = [...ledger.acked.values()];
  return {
    seed,
    cycles,
    kills,
    bootKills,
    devices: devicesN,
    events: events.length,
    acked: ledger.acked.size,
    accepted: statuses.filter((s) => s === "accepted").length,
    duplicates: statuses.filter((s) => s === "duplicate").length,
    retriedAfterLostAck: ledger.retriedAfterLostAck,
    lostAckDuplicates: ledger.lostAckDuplicates,
    replayed: ledger.replayed,
    replayedDuplicates: ledger.replayedDuplicates,
    rejected: ledger.rejected.length,
    lost,
    doubled,
    rowsInDb: final?.rows ?? -1,
    killsWithEventsInFlight,
    eventsInFlightAtKills,
    integrity: allIntegrity ? "ok" : [...integrityFailures, `end: ${integrity}`].join("; "),
    display,
    checks,
    ok,
    durationMs: Math.round(performance.now() - began),
    dir: server.dir,
    replay: [
      `npm run test:crash -- --cycles ${cycles} --seed ${seed}`,
      devicesN !== 4 ? ` --devices ${devicesN}` : "",
      displaysN !== 2 ? ` --displays ${displaysN}` : "",
      perCycle !== 120 ? ` --events-per-cycle ${perCycle}` : "",
      batchMax !== 30 ? ` --batch-max ${batchMax}` : "",
    ].join(""),
  };
}
