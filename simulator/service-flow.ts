// A called ticket's path at the window: no-show, recall, transfer to another category (转窗), service, outcome.
import type { Outcome } from "../contract/index.js";
import { TIER, catParams, type DaySim, type Ticket, type Win } from "./day-sim.js";
import { maybeEvaluate } from "./evaluations.js";
import { arrive } from "./kiosk.js";
import { enqueue, usable } from "./queues.js";
import { MIN, SEC } from "./service-hours.js";
import type { CategorySimParams } from "./sim-params.js";
import { becomeIdleAfter } from "./window-flow.js";

const RECALL_SHARE = 0.05;
const TRANSFER_SHARE = 0.02;

/** Window `w` calls ticket `t` now. */
export function call(sim: DaySim, w: Win, t: Ticket): void {
  const { agenda, rng } = sim;
  const now = agenda.now;
  w.state = "busy";
  sim.emit({ type: "ticket.called", ticketId: t.id, windowId: w.id });
  sim.stats.called++;
  const waitedHours = (now - t.issuedAt) / (60 * MIN);
  const pNoShow = 0.018 + 0.012 * Math.min(waitedHours, 2.5) + (t.channel === "online" ? 0.02 : 0);
  if (rng.chance(pNoShow)) {
    noShow(sim, w, t);
    return;
  }
  let walkFrom = now;
  if (rng.chance(RECALL_SHARE)) {
    walkFrom = now + rng.uniform(40, 90) * SEC;
    recall(sim, w, t, walkFrom);
  }
  const atCounter = walkFrom + rng.uniform(20, 60) * SEC;
  const p = catParams(sim, t.categoryId);
  if (!t.transferred && p.transferTo.length > 0 && rng.chance(TRANSFER_SHARE)) {
    transferAfterLook(sim, w, t, p, atCounter);
    return;
  }
  agenda.at(atCounter, () => serve(sim, w, t));
}

function recall(sim: DaySim, w: Win, t: Ticket, at: number): void {
  sim.agenda.at(at, () => {
    sim.emit({ type: "ticket.called", ticketId: t.id, windowId: w.id });
    sim.stats.recalls++;
  });
}

/** Called, called again, then given up on: the window moves on. */
function noShow(sim: DaySim, w: Win, t: Ticket): void {
  const { agenda, rng } = sim;
  const recallAt = agenda.now + rng.uniform(45, 90) * SEC;
  const giveUpAt = recallAt + rng.uniform(45, 90) * SEC;
  recall(sim, w, t, recallAt);
  agenda.at(giveUpAt, () => {
    sim.emit({ type: "ticket.no_show", ticketId: t.id, windowId: w.id });
    sim.stats.noShows++;
    becomeIdleAfter(sim, w, rng.uniform(5, 15) * SEC);
  });
}

/**
 * Wrong counter: after a short look at the case the ticket moves to another category (转窗). The
 * service is never started here, so the window is not left "busy" with an unfinished service.
 */
function transferAfterLook(sim: DaySim, w: Win, t: Ticket, p: CategorySimParams, atCounter: number): void {
  const { rng } = sim;
  const target = rng.pick(p.transferTo);
  sim.agenda.at(atCounter + rng.uniform(40, 120) * SEC, () => {
    // Nowhere to send it (its own category, or no window left for the target): served here after all.
    if (target === t.categoryId || !usable(sim, target)) {
      serve(sim, w, t);
      return;
    }
    sim.emit({ type: "ticket.transferred", ticketId: t.id, fromWindowId: w.id, toCategoryId: target });
    sim.stats.transfers++;
    t.categoryId = target;
    t.transferred = true;
    t.tier = Math.min(t.tier, TIER.transferred);
    enqueue(sim, t);
    becomeIdleAfter(sim, w, rng.uniform(10, 30) * SEC);
  });
}

function serve(sim: DaySim, w: Win, t: Ticket): void {
  const { rng } = sim;
  sim.emit({ type: "service.started", ticketId: t.id, windowId: w.id });
  const p = catParams(sim, t.categoryId);
  const handleMs = Math.round(Math.min(Math.max(rng.lognormal(p.meanHandleSeconds, p.handleCv), 45), p.meanHandleSeconds * 6) * SEC);
  sim.agenda.at(sim.agenda.now + handleMs, () => complete(sim, w, t, p, handleMs));
}

function complete(sim: DaySim, w: Win, t: Ticket, p: CategorySimParams, handleMs: number): void {
  const { agenda, rng } = sim;
  const outcome = drawOutcome(sim, p);
  const materials = outcome === "needs_materials" && p.materials.length > 0 ? rng.sample(p.materials, rng.int(1, Math.min(3, p.materials.length))) : undefined;
  sim.emit({
    type: "service.completed",
    ticketId: t.id,
    windowId: w.id,
    outcome,
    ...(materials ? { requestedMaterials: materials } : {}),
  });
  sim.stats.served++;
  const completedAt = agenda.now;
  maybeEvaluate(sim, w, t, outcome, completedAt - handleMs - t.issuedAt);
  if (outcome === "needs_materials" && rng.chance(p.returnShare)) {
    const back = completedAt + rng.uniform(40, 150) * MIN;
    // Only a return that can still get a ticket today is worth scheduling.
    if (back < sim.ticketsUntil - 5 * MIN) {
      const categoryId = t.categoryId;
      const returning = { caseRef: t.caseRef, itemCode: t.itemCode };
      agenda.at(back, () => arrive(sim, categoryId, returning));
    }
  }
  becomeIdleAfter(sim, w, rng.uniform(5, 25) * SEC);
}

function drawOutcome(sim: DaySim, p: CategorySimParams): Outcome {
  const doneShare = Math.max(0, 1 - p.acceptedShare - p.rejectedShare - p.needsMaterialsShare);
  return sim.rng.weightedPick(
    ["done", "accepted", "rejected", "needs_materials"] as const,
    [doneShare, p.acceptedShare, p.rejectedShare, p.needsMaterialsShare],
  );
}
