// The applicant's rating (好差评) after a service: submitted by some, lower after a long wait or a bad outcome.
import type { Outcome } from "../contract/index.js";
import type { DaySim, Ticket, Win } from "./day-sim.js";
import type { Rng } from "./random.js";
import { MIN, SEC } from "./service-hours.js";

const EVALUATION_SHARE = 0.6;
const COMMENT_SHARE = 0.12;

const COMMENTS = {
  good: ["服务热情，办事效率高", "一次就办好了，点赞", "工作人员很耐心", "流程清楚，不用跑第二趟", "指导很细致"],
  fair: ["还可以", "等候时间有点长", "希望多开几个窗口"],
  poor: ["排队时间太长", "材料要求没有一次性告知", "窗口太少，等了很久", "叫号后窗口还在忙别的"],
};

/** Maybe schedules an evaluation shortly after the service completed now; `waitedMs` is issue → service start. */
export function maybeEvaluate(sim: DaySim, w: Win, t: Ticket, outcome: Outcome, waitedMs: number): void {
  const { rng } = sim;
  if (!rng.chance(EVALUATION_SHARE)) return;
  sim.agenda.at(sim.agenda.now + rng.uniform(5, 60) * SEC, () => {
    const rating = ratingFor(rng, outcome, waitedMs);
    const comment = rng.chance(COMMENT_SHARE) ? rng.pick(rating >= 4 ? COMMENTS.good : rating === 3 ? COMMENTS.fair : COMMENTS.poor) : undefined;
    sim.emit({ type: "evaluation.submitted", ticketId: t.id, windowId: w.id, rating, ...(comment ? { comment } : {}) });
    sim.stats.evaluations++;
  });
}

function ratingFor(rng: Rng, outcome: Outcome, waitedMs: number): number {
  const longWait = waitedMs > 40 * MIN;
  const unhappy = outcome === "needs_materials" || outcome === "rejected";
  // Weights for ratings 5, 4, 3, 2, 1.
  const weights = unhappy ? [55, 25, 10, 5, 5] : longWait ? [64, 22, 8, 3, 3] : [80, 15, 2.5, 1.2, 1.3];
  return 5 - rng.weightedIndex(weights);
}
