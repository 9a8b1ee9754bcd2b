// GET /rebalance: the live suggestions with what a replay of today so far predicts for the category's
// average wait as it was and with the suggested window helping (docs/metrics.md, "Rebalancing").
import { localDayRange, localDate, type HallConfig, type RebalanceResponse } from "../../contract/index.js";
import { HallFacts } from "../domain/hall-facts.js";
import { computeLoadView } from "../domain/load-view.js";
import { replay } from "../domain/whatif/replay.js";
import { replayDayOf } from "../domain/whatif/replay-input.js";
import { rebalanceSuggestions } from "../domain/whatif/rebalance.js";
import type { LiveHalls } from "./live-halls.js";
import type { EventLog } from "./ports.js";

/**
 * Live (no `date`): the live view's suggestions, predicted on a replay of today so far. History (`date`, a
 * past hall-local day): that day's view judged on its average waits, predicted on a replay of the day.
 */
export async function rebalanceAdvice(live: LiveHalls, log: EventLog, hallId: string, hall: HallConfig, now: number, date?: string): Promise<RebalanceResponse> {
  const at = new Date(now).toISOString();
  const { start, end: dayEnd } = localDayRange(date ?? localDate(now, hall.timezone), hall.timezone);
  const end = Math.min(dayEnd, now);
  const facts = new HallFacts();
  await log.foldEventsForFacts(hallId, start - 48 * 3_600_000, end, (batch) => {
    for (const e of batch) facts.add(e);
  });
  const view = date === undefined ? live.liveView(hallId) : computeLoadView(facts, hall, { hallId, from: start, to: end, live: false, dayStart: start });
  if (!view) return { at, advice: [] };
  const suggestions = rebalanceSuggestions(view, hall);
  if (suggestions.length === 0) return { at, advice: [] };
  const day = replayDayOf(facts, hall, start, end);
  const current = replay(day);
  return {
    at,
    advice: suggestions.map((s) => {
      const changed = replay({ ...day, windows: day.windows.map((w) => (w.id === s.windowId ? { ...w, categories: [...w.categories, s.categoryId] } : w)) });
      const avg = (r: typeof current) => r.categories.find((c) => c.categoryId === s.categoryId)?.avgWaitSeconds ?? null;
      return { ...s, predicted: { currentAvgWaitSeconds: avg(current), withChangeAvgWaitSeconds: avg(changed) } };
    }),
  };
}
