// GET /api/overview: every hall's figures from the in-memory live state — the published live view (what
// the walls show) and today's facts — ranked worst first. One answer is kept for a few seconds, so that
// many overview pages polling cost one pass over the halls, not one per request.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { startOfLocalDay } from "../../contract/index.js";
import type { Overview } from "../../contract/overview.js";
import { hallFigures, type UnrankedHall } from "../domain/overview/hall-figures.js";
import { rankHalls } from "../domain/overview/rank-halls.js";
import type { HallFacts } from "../domain/hall-facts.js";
import { todayWithinTarget, type WithinTarget } from "../domain/overview/within-target.js";
import type { HallDirectory } from "./hall-directory.js";
import type { LiveHalls } from "./live-halls.js";
import type { Clock } from "./ports.js";

const OVERVIEW_CACHE_MS = 3000;

/** A hall's share within target as computed, and what it was computed from. */
interface KeptWithin {
  facts: HallFacts;
  version: number;
  dayStart: number;
  targetMs: number;
  at: number;
  figures: WithinTarget;
}

export class OverviewQuery {
  private cached: { at: number; overview: Overview } | null = null;
  private taking: Promise<Overview> | null = null;
  /**
   * Per hall, kept until its facts fold or prune, its day or target changes, or the clock reaches a first
   * call stamped ahead: the pass over a hall's 48 hours of tickets for sixty halls every 2 s was 58 ms of
   * one 330-ms stretch that held a probe's ack (issue #11), though most halls had not changed.
   */
  private readonly within = new Map<string, KeptWithin>();

  constructor(private readonly deps: { directory: HallDirectory; live: LiveHalls; clock: Clock; cacheMs?: number }) {}

  /** The kept answer while it is younger than the cache period, else a fresh one. */
  get(): Promise<Overview> {
    const now = this.deps.clock.now();
    const cacheMs = this.deps.cacheMs ?? OVERVIEW_CACHE_MS;
    if (this.cached && now - this.cached.at < cacheMs && now >= this.cached.at) return Promise.resolve(this.cached.overview);
    return this.fresh();
  }

  /** Figures taken now (the live push, which decides its own pace), kept for the next `get`; one taking at a time. */
  fresh(): Promise<Overview> {
    this.taking ??= this.take().finally(() => (this.taking = null));
    return this.taking;
  }

  private async take(): Promise<Overview> {
    const now = this.deps.clock.now();
    const overview: Overview = { at: new Date(now).toISOString(), halls: rankHalls(await this.rows()) };
    this.cached = { at: now, overview };
    return overview;
  }

  /**
   * Each hall's row. A hall whose view must be computed first (no display on this node shows it, so its
   * flushes computed nothing: LiveHalls' stale halls — half the province on each of two nodes) is taken in
   * a turn of the event loop of its own: thirty such views computed back to back every 2 s held the acks
   * of events committed meanwhile for a few hundred milliseconds (issue #11, two nodes at ten times the peak).
   */
  private async rows(): Promise<UnrankedHall[]> {
    const rows: UnrankedHall[] = [];
    for (const hallId of this.deps.directory.ids()) {
      if (this.deps.live.mustCompute(hallId)) await yieldToEventLoop();
      const config = this.deps.directory.get(hallId);
      const view = this.deps.live.snapshot(hallId)?.view;
      if (!config || !view) continue;
      const now = this.deps.clock.now();
      const targetMs = config.targets.waitMinutes * 60_000;
      const within = this.withinTarget(hallId, this.deps.live.facts(hallId), startOfLocalDay(now, config.timezone), now, targetMs);
      rows.push(hallFigures({ hallId, name: config.name, waitTargetMinutes: config.targets.waitMinutes, view, within }));
    }
    return rows;
  }

  private withinTarget(hallId: string, facts: HallFacts, dayStart: number, now: number, targetMs: number): WithinTarget {
    const kept = this.within.get(hallId);
    if (kept && kept.facts === facts && kept.version === facts.version && kept.dayStart === dayStart && kept.targetMs === targetMs && now >= kept.at && now < kept.figures.changesAt)
      return kept.figures;
    const figures = todayWithinTarget(facts, dayStart, now, targetMs);
    this.within.set(hallId, { facts, version: facts.version, dayStart, targetMs, at: now, figures });
    return figures;
  }
}
