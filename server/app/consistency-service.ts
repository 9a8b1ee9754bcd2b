// Online↔hall consistency for every hall: rules over lists run on imports, configuration changes and
// each new hall-local day; rules over events run within a second of the events that feed them. Findings
// keep their first/last sightings (persisted), and every change reaches the wall through the live view.
import { localDate, type ConsistencyReport, type HallEvent, type ItemSource, type LiveConsistency, type RuleId } from "../../contract/index.js";
import { ConsistencyFacts } from "../domain/consistency/event-facts.js";
import { evaluateRules, promoteOnlineAdvice, RULES } from "../domain/consistency/evaluate.js";
import type { ConsistencyInputs, ItemList } from "../domain/consistency/inputs.js";
import { FindingTracker } from "../domain/consistency/tracker.js";
import { LoadRetries } from "./load-retry.js";
import type { ConsistencyPorts } from "./consistency-ports.js";
import { forEventsOfTypesByDay } from "./log-slices.js";

export type { ConsistencyPorts } from "./consistency-ports.js";

const DAY_MS = 86_400_000;
/** How far back the event rules look: visits (60 days covers any promised limit plus grace), outcomes 30. */
const VISITS_DAYS = 60;
const OUTCOME_DAYS = 30;
const EVENT_DEBOUNCE_MS = 300;
/**
 * Under a heavy stream the event rules wait this many times their own last run time (at least the
 * debounce): a busy hall's evaluation reads weeks of visits and completions (tens of milliseconds on the
 * event loop), and at every 300 ms it delayed the live updates behind it (issue #8). Findings then come
 * within a second or two instead of 300 ms; at a real hall's pace nothing changes.
 */
const EVENT_BUDGET_FACTOR = 20;
/** The findings a floor manager can act on now, shown on the wall. */
const FLOOR_RULES = new Set<RuleId>(["visit-limit", "extra-materials", "department-mismatch"]);


interface HallState {
  facts: ConsistencyFacts;
  tracker: FindingTracker;
  online: ItemList | null;
  hallList: ItemList | null;
  day: string;
  timer: NodeJS.Timeout | null;
  /** How long the last evaluation's synchronous part took (ms of event loop). */
  lastEvalMs: number;
  /**
   * The facts are still to be read from the log (`readDeferredFacts`): the event rules wait for them,
   * while the events committed meanwhile fold in as they come (the facts are keyed by ids).
   */
  factsDeferred: boolean;
}

const dateMinus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/** The first hall-local dates the consistency facts keep on `today`: what the rules read, and one day more. */
export const consistencyKeptFrom = (today: string): { visits: string; outcomes: string } => ({ visits: dateMinus(today, VISITS_DAYS + 1), outcomes: dateMinus(today, OUTCOME_DAYS + 1) });

export class ConsistencyService {
  private readonly halls = new Map<string, HallState>();
  /** The current read of each hall's deferred facts, which a report waits for (readDeferredFacts). */
  private readonly deferredReads = new Map<string, Promise<void>>();
  /** Halls whose facts could not be read, read again later until held (load-retry.ts). */
  private readonly loadRetries: LoadRetries;
  private daily: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ports: ConsistencyPorts) {
    this.loadRetries = new LoadRetries(ports.loadRetryMs);
  }

  /**
   * Every hall's findings and lists. Their event facts — two months of the log, ~0.6 s at a busy hall with
   * a year of history (issue #8's restart) — are read after the server is up: `readDeferredFacts`.
   */
  async load(): Promise<void> {
    for (const hallId of this.ports.directory.ids()) await this.loadHall(hallId, "deferred");
  }

  /** Reads the facts `load` left for later, hall by hall, then runs each hall's event rules on them. */
  async readDeferredFacts(): Promise<void> {
    let previous = Promise.resolve();
    for (const [hallId, h] of this.halls) {
      if (!h.factsDeferred) continue;
      const attempt = previous.then(() => this.readDeferred(hallId, h));
      this.deferredReads.set(hallId, attempt);
      previous = attempt;
    }
    await previous;
  }

  /** One attempt at a hall's deferred facts (never rejects: a failed read is retried later). */
  private async readDeferred(hallId: string, h: HallState): Promise<void> {
    try {
      await this.readFacts(hallId, h.facts);
    } catch (err) {
      this.ports.onError?.(err);
      const retry = () => void this.deferredReads.set(hallId, this.readDeferred(hallId, h));
      this.loadRetries.failed(hallId, retry, () => !h.factsDeferred);
      return;
    }
    h.factsDeferred = false;
    this.loadRetries.held(hallId);
    await this.serialize(() => this.evaluate(hallId, "events")).catch(() => undefined);
  }

  start(): void {
    // Once a minute: a new hall-local day re-judges late publication (and lets old facts go).
    this.daily = setInterval(() => {
      for (const [hallId, h] of this.halls) if (this.today(hallId) !== h.day) void this.reevaluate(hallId);
    }, 60_000);
    this.daily.unref();
  }

  stop(): void {
    if (this.daily) clearInterval(this.daily);
    for (const h of this.halls.values()) if (h.timer) clearTimeout(h.timer);
    this.loadRetries.stop();
  }

  /** Accepted events: fold them and re-run the event rules shortly. */
  onEvents(hallId: string, events: readonly HallEvent[]): void {
    const h = this.halls.get(hallId);
    if (!h) return;
    let relevant = false;
    for (const e of events)
      if (e.type === "ticket.issued" || e.type === "service.completed") {
        h.facts.add(e);
        relevant = true;
      }
    if (!relevant || h.timer) return;
    h.timer = setTimeout(() => {
      h.timer = null;
      void this.serialize(() => this.evaluate(hallId, "events"));
    }, Math.max(EVENT_DEBOUNCE_MS, EVENT_BUDGET_FACTOR * h.lastEvalMs));
  }

  /**
   * This node became the cluster's writer (issue #11): start again from the stored findings — what the
   * previous writer stored — and evaluate, so that what this node saw meanwhile is stored now.
   */
  async takeOverWrites(): Promise<void> {
    for (const hallId of [...this.halls.keys()])
      await this.serialize(async () => {
        const h = this.halls.get(hallId);
        if (h) h.tracker = new FindingTracker(await this.ports.findings.open(hallId));
      });
    for (const hallId of [...this.halls.keys()]) await this.reevaluate(hallId);
  }

  /** A list was imported, the configuration or the calendar changed: reload lists and re-run everything. */
  reevaluate(hallId: string): Promise<void> {
    return this.serialize(async () => {
      if (!this.halls.has(hallId))
        try {
          await this.loadHall(hallId);
          this.loadRetries.held(hallId);
        } catch (err) {
          // No other evaluation would read it again (the daily one and the events' go to loaded halls only).
          this.loadRetries.failed(hallId, () => void this.reevaluate(hallId), () => this.halls.has(hallId));
          throw err;
        }
      // A hall this node does not know yet (a cluster notice about its lists came before the one about the
      // hall): nothing to evaluate; the hall's own notice re-runs this once the directory has it.
      const h = this.halls.get(hallId);
      if (!h) return;
      h.online = await this.ports.lists.list(hallId, "online");
      h.hallList = await this.ports.lists.list(hallId, "hall");
      await this.evaluate(hallId);
      // The lists themselves may have changed (staff consoles show the new guide version).
      this.ports.onChange(hallId);
    });
  }

  /** The department of an item by the current online list (else the hall list), or null. */
  itemDepartment(hallId: string, code: string): string | null {
    const h = this.halls.get(hallId);
    const item = h?.online?.items.find((i) => i.code === code) ?? h?.hallList?.items.find((i) => i.code === code);
    return item?.department ?? null;
  }

  /** The version of the hall's current list of a source, or null when none was imported. */
  listVersion(hallId: string, source: ItemSource): number | null {
    const h = this.halls.get(hallId);
    return (source === "online" ? h?.online : h?.hallList)?.version ?? null;
  }

  /** The findings and advice; the advice counts completions, so it waits for facts still being read. */
  async report(hallId: string): Promise<ConsistencyReport> {
    await this.deferredReads.get(hallId);
    const h = this.halls.get(hallId);
    const inputs = h ? this.inputs(hallId, h) : null;
    return { findings: h?.tracker.all() ?? [], advice: inputs ? promoteOnlineAdvice(inputs) : [] };
  }

  live(hallId: string, overdueFollowUps = 0): LiveConsistency {
    const h = this.halls.get(hallId);
    const open = h?.tracker.all() ?? [];
    const counts: LiveConsistency["counts"] = {};
    for (const f of open) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    const floor = open
      .filter((f) => FLOOR_RULES.has(f.rule))
      .sort((a, b) => (a.firstSeen < b.firstSeen ? 1 : a.firstSeen > b.firstSeen ? -1 : a.key < b.key ? -1 : 1))
      .slice(0, 12)
      .map(({ lastSeen: _seen, ...rest }) => rest);
    // Configured once either list exists: the hall's own guides are checked (late publication) even alone.
    return { configured: h?.online != null || h?.hallList != null, floor, counts, overdueFollowUps };
  }

  /** Loads a hall's state; its facts now, or left empty for `readDeferredFacts` (events fold in meanwhile). */
  private async loadHall(hallId: string, facts: "now" | "deferred" = "now"): Promise<void> {
    const hall = this.ports.directory.get(hallId);
    if (!hall) return;
    const held = new ConsistencyFacts(hall.timezone);
    if (facts === "now") await this.readFacts(hallId, held);
    this.halls.set(hallId, {
      facts: held,
      tracker: new FindingTracker(await this.ports.findings.open(hallId)),
      online: await this.ports.lists.list(hallId, "online"),
      hallList: await this.ports.lists.list(hallId, "hall"),
      day: this.today(hallId),
      timer: null,
      lastEvalMs: 0,
      factsDeferred: facts === "deferred",
    });
  }

  /**
   * Issues as far back as the visits rule reads; completions only as far as the outcome rules read
   * (pruneBefore). A day at a time, letting the event loop go in between (log-slices.ts).
   */
  private async readFacts(hallId: string, facts: ConsistencyFacts): Promise<void> {
    const now = this.ports.clock.now();
    const fold = (events: HallEvent[]) => events.forEach((e) => facts.add(e));
    await forEventsOfTypesByDay(this.ports.log, hallId, ["ticket.issued"], now - (VISITS_DAYS + 1) * DAY_MS, now, fold);
    await forEventsOfTypesByDay(this.ports.log, hallId, ["service.completed"], now - (OUTCOME_DAYS + 1) * DAY_MS, now, fold);
  }

  private today(hallId: string): string {
    const hall = this.ports.directory.get(hallId);
    return localDate(this.ports.clock.now(), hall?.timezone ?? "UTC");
  }

  private inputs(hallId: string, h: HallState): ConsistencyInputs | null {
    const hall = this.ports.directory.get(hallId);
    if (!hall) return null;
    const today = this.today(hallId);
    return {
      hallId,
      hall,
      online: h.online,
      hallList: h.hallList,
      calendar: this.ports.calendar(),
      today,
      // Only cases seen twice or more can pass a visit limit (inputs.ts).
      visits: h.facts.repeatVisitsSince(dateMinus(today, VISITS_DAYS)),
      materialRequests: h.facts.materialRequestsSince(dateMinus(today, OUTCOME_DAYS)),
      outcomes: h.facts.outcomesSince(dateMinus(today, OUTCOME_DAYS)),
    };
  }

  private async evaluate(hallId: string, over?: "lists" | "events"): Promise<void> {
    const h = this.halls.get(hallId);
    if (!h) return;
    // Facts not read yet: the rules over lists only (the event rules would judge on a part of the events).
    if (h.factsDeferred) {
      if (over === "events") return;
      over = "lists";
    }
    const started = performance.now();
    const inputs = this.inputs(hallId, h);
    if (!inputs) return;
    h.day = inputs.today;
    const kept = consistencyKeptFrom(inputs.today);
    h.facts.pruneBefore(kept.visits, kept.outcomes);
    const rules: RuleId[] = RULES.filter((r) => over === undefined || r.over === over).map((r) => r.id);
    const raw = evaluateRules(inputs, over);
    const now = new Date(this.ports.clock.now());
    const change = h.tracker.apply(raw, rules, now.toISOString());
    h.lastEvalMs = performance.now() - started;
    if (this.ports.mayWrite?.() ?? true) await this.ports.findings.save(hallId, change, now);
    if (change.changed) this.ports.onChange(hallId);
  }

  /** Evaluations of all halls run one at a time, so that tracker updates never interleave. */
  private serialize(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch((err: unknown) => this.ports.onError?.(err));
    return next;
  }
}
