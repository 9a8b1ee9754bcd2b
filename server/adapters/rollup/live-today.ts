// The rollup runner's side of today computed on the live facts (computed-day.ts): which of today's jobs
// go to the live facts, and which days must be marked again so that none keeps a figure the log would not
// give.
// - The live facts fold a committed event a moment after its commit marks the day: a recompute asked for
//   between the two would clear the mark without the event. So each hall's facts version is noted when
//   its today is asked for, and when it has changed since, today is marked again (a recompute at today's
//   pace, spaced as any other).
// - The live facts are the last 48 hours from now, the log's day reaches 48 hours back from its start (a
//   service open for two days, an event stamped after midnight by a fast clock: docs/metrics.md). So once
//   a day computed here has ended, it is marked once more and computed from the log, as every past day is;
//   and at start (or on becoming the leader) recent days last computed before their end are marked too
//   (the node that asked for them stopped before the day did: unfinishedDays).
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { localDate, localDayRange, type HallConfig } from "../../../contract/index.js";
import type { LiveDaySource } from "./computed-day.js";

export class LiveToday {
  /** Per hall: the day last asked of the live facts and their version then. */
  private readonly asked = new Map<string, { day: string; version: number; timezone: string }>();

  constructor(private readonly source: LiveDaySource) {}

  /**
   * The days to mark again now, given the days marked already (`isMarked`): today where the hall's facts
   * changed since it was asked for and nothing has marked it since (each change once: a busy hall's today
   * is marked by its own events, and this writes nothing), and a day asked for that has since ended (once,
   * then forgotten).
   */
  marksDue(now: number, isMarked: (hallId: string, day: string) => boolean): { hallId: string; day: string }[] {
    const due: { hallId: string; day: string }[] = [];
    for (const [hallId, asked] of this.asked) {
      if (localDate(now, asked.timezone) !== asked.day) {
        due.push({ hallId, day: asked.day });
        this.asked.delete(hallId);
        continue;
      }
      const version = this.source.version(hallId);
      if (version === null || version === asked.version) continue;
      asked.version = version;
      if (!isMarked(hallId, asked.day)) due.push({ hallId, day: asked.day });
    }
    return due;
  }

  /** Whether the hall's live facts are all held (today is asked of them). */
  holds(hallId: string): boolean {
    return this.source.version(hallId) !== null;
  }

  /** Resolves once every event committed before the call is folded into the live facts. */
  folded(): Promise<void> {
    return this.source.folded();
  }

  /**
   * Asks the live facts for today of a hall whose facts are held, and returns the port its figures will
   * come on (for the rollup worker's job); null where the log must be read.
   */
  ask(hallId: string, config: HallConfig, day: string, asOf: number): MessagePort | null {
    const version = this.source.version(hallId);
    if (version === null) return null;
    const { start, end } = localDayRange(day, config.timezone);
    const { port1, port2 } = new MessageChannel();
    this.source.computeDay({ hallId, config, day, start, end, asOf }, port1);
    this.asked.set(hallId, { day, version, timezone: config.timezone });
    return port2;
  }

  /** This node stopped computing rollups (another leads): what it asked for is another node's now. */
  forget(): void {
    this.asked.clear();
  }
}

/**
 * Of a hall's computed days, those that ended and were last computed before their end (`computedAt` <
 * their end in the hall's zone): after a normal midnight none — the day was marked at its end and computed
 * again from the log.
 */
export function unfinishedDays(computed: readonly { day: string; computedAt: number }[], now: number, timezone: string): string[] {
  const today = localDate(now, timezone);
  return computed.filter((c) => c.day < today && c.computedAt < localDayRange(c.day, timezone).end).map((c) => c.day);
}
