// The day's arrival process: how many applicants come for each category, and at which minute.
import { dayDemandFactor, minuteShares, type DayKind } from "./day-profile.js";
import { catParams, type DaySim } from "./day-sim.js";
import { arrive } from "./kiosk.js";
import { MIN } from "./service-hours.js";
import type { DemandBoost } from "./sim-params.js";

interface Arrival {
  t: number;
  categoryId: string;
}

/** Schedules every first-visit arrival of the day at the kiosk (returning applicants are scheduled by their service). */
export function scheduleArrivals(sim: DaySim, date: string, kind: DayKind, scale: number): void {
  const arrivals = drawArrivals(sim, date, kind, scale);
  arrivals.sort((a, b) => a.t - b.t);
  for (const a of arrivals) sim.agenda.at(a.t, () => arrive(sim, a.categoryId));
}

/** Poisson arrivals per minute for each category with a staffed window, following the day's intensity curve. */
function drawArrivals(sim: DaySim, date: string, kind: DayKind, scale: number): Arrival[] {
  const { hall, params, rng } = sim;
  const shares = minuteShares(kind);
  const totalWeight = hall.categories.reduce((s, c) => s + Math.max(0, catParams(sim, c.id).demandWeight), 0);
  // One draw shared by all categories: some days are busier across the whole hall.
  const dayNoise = rng.lognormal(1, 0.08);
  const arrivals: Arrival[] = [];
  for (const c of hall.categories) {
    if (!sim.winsByCategory.has(c.id) || totalWeight <= 0) continue;
    const p = catParams(sim, c.id);
    const expected =
      params.dailyTickets * (Math.max(0, p.demandWeight) / totalWeight) * scale * dayDemandFactor(date) * boostFor(p.demandBoosts, date) * dayNoise * rng.lognormal(1, 0.1);
    for (let m = 0; m < shares.length; m++) {
      const share = shares[m] as number;
      if (share === 0) continue;
      const n = rng.poisson(expected * share);
      for (let k = 0; k < n; k++) arrivals.push({ t: m * MIN + Math.floor(rng.next() * MIN), categoryId: c.id });
    }
  }
  return arrivals;
}

/** The product of the boosts that apply on `date` ("YYYY-MM-DD"). */
function boostFor(boosts: readonly DemandBoost[] | undefined, date: string): number {
  if (!boosts) return 1;
  const day = Number(date.slice(8, 10));
  const md = date.slice(5, 10);
  let f = 1;
  for (const b of boosts) {
    const inRange = b.daysOfMonth ? day >= b.daysOfMonth[0] && day <= b.daysOfMonth[1] : false;
    const onDay = b.monthDays ? b.monthDays.includes(md) : false;
    if (inRange || onDay) f *= b.factor;
  }
  return f;
}
