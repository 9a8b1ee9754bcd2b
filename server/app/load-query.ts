// GET /load: the live view, or any explicit range computed from the log with the same domain function.
import { type HallConfig, type LoadView, startOfLocalDay } from "../../contract/index.js";
import { HallFacts } from "../domain/hall-facts.js";
import { computeLoadView } from "../domain/load-view.js";
import { LIVE_HORIZON_MS, type LiveHalls } from "./live-halls.js";
import type { EventLog } from "./ports.js";

/** Longest explicit range /load computes from raw events (longer periods belong to history). */
export const MAX_LOAD_RANGE_MS = 31 * 24 * 60 * 60 * 1000;

export class LoadQuery {
  constructor(private readonly log: EventLog, private readonly live: LiveHalls) {}

  liveView(hallId: string): LoadView | null {
    return this.live.liveView(hallId);
  }

  /** Figures over [from, to): events from 48 hours before `from` (open windows and services) up to `to`. */
  async rangeView(hallId: string, config: HallConfig, from: number, to: number): Promise<LoadView> {
    const facts = new HallFacts();
    await this.log.foldEventsForFacts(hallId, from - LIVE_HORIZON_MS, to, (batch) => {
      for (const e of batch) facts.add(e);
    });
    return computeLoadView(facts, config, { hallId, from, to, live: false, dayStart: startOfLocalDay(to, config.timezone) });
  }
}
