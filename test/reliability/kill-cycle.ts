// One cycle of the crash loop: let the devices get their share acknowledged, SIGKILL the server with
// batches in flight, check the file as the crash left it, sometimes kill the restart itself part-way
// through its start, then restart and wait until every display is back with the new server's snapshot.
import { performance } from "node:perf_hooks";
import type { Rng } from "../../simulator/random.js";
import type { CrashLoopSettings } from "./crash-loop-settings.js";
import type { CrashRun } from "./crash-run.js";
import type { KillMoment } from "./crash-setup.js";
import { startAndKillDuringBoot } from "./kill-during-boot.js";
import { sleep, until } from "./wait.js";

/** Runs cycle `cycle` (0-based); resolves with how long its restart took (the next boot kill is timed by it). */
export async function killCycle(run: CrashRun, s: CrashLoopSettings, rng: Rng, cycle: number, at: KillMoment, lastRestartMs: number): Promise<number> {
  const { server, ledger, devices, displays } = run;
  const tSend = performance.now();
  const target = ledger.serverAcked.size + at.acked;
  ledger.allowance = Math.max(ledger.allowance, target + s.perCycle);
  // (or the devices have nothing left they may send: the stream ran out)
  const stalled = () => devices.every((d) => d.batchesInFlight === 0) && (ledger.taken >= ledger.allowance || devices.every((d) => d.idle));
  await until(() => ledger.serverAcked.size >= target || stalled(), s.stepTimeout, `${target} events acknowledged before kill ${cycle + 1}`, 1);
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
  run.kills += 1;
  if (inFlight > 0) run.killsWithEventsInFlight += 1;
  run.eventsInFlightAtKills += inFlight;

  const file = run.afterKill(`kill ${run.kills}`);
  let line = `kill ${String(run.kills).padStart(3)}/${s.cycles}: ${why === "stalled" ? "(stream ran out) " : ""}acked=${ledger.acked.size}/${run.events.length} in-flight=${inFlight} rows=${file.rows} integrity=${file.integrity} lost=${file.lost} doubled=${file.doubled}`;

  // Sometimes the restart itself is killed, anywhere from loading to rebuilding the live halls.
  if (rng.chance(s.bootKillRate)) {
    const delayMs = Math.round(rng.uniform(0.05, 1) * lastRestartMs);
    await startAndKillDuringBoot(server, delayMs);
    run.bootKills += 1;
    const boot = run.afterKill(`the kill during start ${run.bootKills}`);
    line += ` | killed again ${delayMs} ms into the restart: rows=${boot.rows} integrity=${boot.integrity} lost=${boot.lost} doubled=${boot.doubled}`;
  }

  const tStart = performance.now();
  await server.start();
  const restartMs = performance.now() - tStart;
  // Displays follow the hall through every restart: wait until each has connected again and holds
  // a view received on that connection (the new server's snapshot) before the next kill.
  await Promise.all(
    displays.map((d, i) =>
      d.waitFor(
        (c) => c.connected && c.connections > (connectionsBefore[i] ?? 0) && c.received.some((m) => m.connection === c.connections && m.outcome === "applied"),
        s.stepTimeout,
        `display ${i + 1} back after restart ${run.kills}`,
      ),
    ),
  );
  s.log(`${line} (sent ${Math.round(sendMs)} ms, restart ${Math.round(restartMs)} ms, displays back ${Math.round(performance.now() - tStart - restartMs)} ms)`);
  return restartMs;
}
