// What one crash-loop run holds while it goes, shared by its steps (crash-setup.ts, kill-cycle.ts,
// crash-verdict.ts): the server process, the devices' ledger, the devices and displays, the named checks,
// and the tallies of the kills — above all what the database file looked like after each one.
import type { HallEvent } from "../../contract/index.js";
import type { DisplayClient } from "../helpers/display-client.js";
import { ServerProcess } from "../helpers/server-process.js";
import type { CheckResult } from "./crash-loop-types.js";
import { checkFile, type FileCheck } from "./db-file-check.js";
import type { Device } from "./device.js";
import { Ledger } from "./ledger.js";

export class CrashRun {
  readonly server = new ServerProcess();
  readonly ledger = new Ledger();
  readonly devices: Device[] = [];
  readonly displays: DisplayClient[] = [];
  readonly checks: CheckResult[] = [];
  /** The whole generated stream (empty until the setup made it). */
  events: HallEvent[] = [];
  kills = 0;
  /** Extra kills during a restart. */
  bootKills = 0;
  killsWithEventsInFlight = 0;
  eventsInFlightAtKills = 0;
  lostAtKills = 0;
  /** The most event ids stored more than once seen at any kill. */
  doubledAtKills = 0;
  readonly integrityFailures: string[] = [];
  /** The file as the last crash left it (null until checked). */
  final: FileCheck | null = null;

  constructor(readonly log: (line: string) => void) {}

  /** Records a named check; a failure is logged at once. */
  check(name: string, ok: boolean, detail: string): void {
    this.checks.push({ name, ok, detail });
    if (!ok) this.log(`FAILED ${name}: ${detail}`);
  }

  /**
   * The file as a crash left it: every event acknowledged so far (acks read after the process is gone were
   * sent before it died) is there exactly once, and the file is sound. Tallies what is not.
   */
  afterKill(label: string): FileCheck & { lost: number } {
    const file = checkFile(this.server.dbFile);
    const lostNow = [...this.ledger.serverAcked].filter((id) => !file.ids.has(id));
    this.lostAtKills += lostNow.length;
    this.doubledAtKills = Math.max(this.doubledAtKills, file.doubled);
    if (file.integrity !== "ok") this.integrityFailures.push(`after ${label}: ${file.integrity}`);
    if (lostNow.length > 0) this.log(`${label}: LOST ${lostNow.length} acknowledged events, e.g. ${lostNow.slice(0, 5).join(", ")}`);
    return { ...file, lost: lostNow.length };
  }
}
