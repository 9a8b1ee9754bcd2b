// GET /api/overview: every hall's figures from the in-memory live state — the published live view (what
// the walls show) and today's facts — ranked worst first. One answer is kept for a few seconds, so that
// many overview pages polling cost one pass over the halls, not one per request.
import { startOfLocalDay } from "../../contract/index.js";
import type { Overview } from "../../contract/overview.js";
import { hallFigures, type UnrankedHall } from "../domain/overview/hall-figures.js";
import { rankHalls } from "../domain/overview/rank-halls.js";
import { todayWithinTarget } from "../domain/overview/within-target.js";
import type { HallDirectory } from "./hall-directory.js";
import type { LiveHalls } from "./live-halls.js";
import type { Clock } from "./ports.js";

const OVERVIEW_CACHE_MS = 3000;

export class OverviewQuery {
  private cached: { at: number; overview: Overview } | null = null;

  constructor(private readonly deps: { directory: HallDirectory; live: LiveHalls; clock: Clock; cacheMs?: number }) {}

  /** The kept answer while it is younger than the cache period, else a fresh one. */
  get(): Overview {
    const now = this.deps.clock.now();
    const cacheMs = this.deps.cacheMs ?? OVERVIEW_CACHE_MS;
    if (this.cached && now - this.cached.at < cacheMs && now >= this.cached.at) return this.cached.overview;
    return this.fresh();
  }

  /** Figures taken now (the live push, which decides its own pace), kept for the next `get`. */
  fresh(): Overview {
    const now = this.deps.clock.now();
    const overview: Overview = { at: new Date(now).toISOString(), halls: rankHalls(this.rows(now)) };
    this.cached = { at: now, overview };
    return overview;
  }

  private rows(now: number): UnrankedHall[] {
    const rows: UnrankedHall[] = [];
    for (const hallId of this.deps.directory.ids()) {
      const config = this.deps.directory.get(hallId);
      // The published view (at most a heartbeat old): nothing is recomputed for the overview.
      const view = this.deps.live.snapshot(hallId)?.view;
      if (!config || !view) continue;
      const targetMs = config.targets.waitMinutes * 60_000;
      const within = todayWithinTarget(this.deps.live.facts(hallId), startOfLocalDay(now, config.timezone), now, targetMs);
      rows.push(hallFigures({ hallId, name: config.name, waitTargetMinutes: config.targets.waitMinutes, view, within }));
    }
    return rows;
  }
}
