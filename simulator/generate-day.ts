// One simulated hall day as contract events: a discrete-event simulation of windows (open, lunch,
// short breaks, close), kiosk tickets, calls, recalls, no-shows, transfers, services and evaluations.
// Deterministic for (seed, hallId, date); no personal data anywhere (caseRef is an opaque pseudonym).
import { ID_PATTERN, type HallConfig, type HallEvent, type Outcome, type Priority } from "../contract/index.js";
import { Agenda } from "./agenda.js";
import { dayDemandFactor, dayKindOf, minuteShares, scheduleFor, type DayKind, type DaySchedule } from "./day-profile.js";
import { demoSimParams } from "./demo-hall.js";
import { formatOffset, isoWithOffset, localMidnight } from "./local-time.js";
import { Rng, hashSeed } from "./random.js";
import { resolveSimParams, type CategorySimParams, type DemandBoost, type HallSimParams } from "./sim-params.js";

export interface GenerateDayOptions {
  hall: HallConfig;
  hallId: string;
  /** Local calendar date, "YYYY-MM-DD". */
  date: string;
  seed: number;
  /** Multiplies arrivals (and the number of staffed windows, up to what is configured); default 1. */
  scale?: number;
  /** Offset of the hall's local time from UTC; default 480 (UTC+8, Asia/Shanghai). */
  utcOffsetMinutes?: number;
  /** Event ids are `${idPrefix}:${date}:${n}`; default the hall id. */
  idPrefix?: string;
  /** Ticket ids are `${ticketIdPrefix}-${ticketNo}`; default the date. */
  ticketIdPrefix?: string;
  /** Demand and handling parameters; default the demo hall's (fallbacks for unknown categories). */
  params?: HallSimParams;
}

export interface DayStats {
  date: string;
  kind: DayKind;
  events: number;
  windowsOpened: number;
  issued: number;
  /** Arrivals refused by the kiosk because the day's capacity was used up (限号). */
  turnedAway: number;
  called: number;
  recalls: number;
  noShows: number;
  transfers: number;
  served: number;
  evaluations: number;
  /** Tickets issued to applicants coming back with a requested material. */
  returns: number;
  /** Tickets still waiting when the last window closed. */
  leftWaiting: number;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventBody = DistributiveOmit<HallEvent, "id" | "hallId" | "ts">;

const SEC = 1000;
const MIN = 60 * SEC;

/** Serving order inside a queue: green channel, then tickets transferred in, then appointments, then the rest. */
const TIER: Record<Priority | "transferred", number> = { green: 0, transferred: 1, appointment: 2, normal: 3 };

const EVALUATION_SHARE = 0.6;
const RECALL_SHARE = 0.05;
const TRANSFER_SHARE = 0.02;
const COMMENT_SHARE = 0.12;

const COMMENTS = {
  good: ["服务热情，办事效率高", "一次就办好了，点赞", "工作人员很耐心", "流程清楚，不用跑第二趟", "指导很细致"],
  fair: ["还可以", "等候时间有点长", "希望多开几个窗口"],
  poor: ["排队时间太长", "材料要求没有一次性告知", "窗口太少，等了很久", "叫号后窗口还在忙别的"],
};

interface Ticket {
  id: string;
  no: string;
  /** The category it waits in now (changes on transfer). */
  categoryId: string;
  issuedAt: number;
  /** Ordering key inside the tier: issue time (kept across a transfer). */
  since: number;
  tier: number;
  seq: number;
  transferred: boolean;
  channel: "kiosk" | "online" | "staff";
  itemCode: string | undefined;
  caseRef: string;
}

interface Win {
  id: string;
  categories: string[];
  staffId: string;
  /** off: not opened yet today. */
  state: "off" | "idle" | "busy" | "paused" | "closed";
  lunchAt: number | null;
  lunchBackAt: number;
  lunchTaken: boolean;
  breaks: { at: number; ms: number; reason: string }[];
  closeAt: number;
  pokePending: boolean;
}

function resolveParams(hall: HallConfig, params: HallSimParams | undefined): HallSimParams {
  if (params) return resolveSimParams(hall, params);
  const knowsDemo = hall.categories.some((c) => c.id in demoSimParams.categories);
  return resolveSimParams(hall, knowsDemo ? demoSimParams : undefined);
}

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

function assertId(text: string, what: string): void {
  if (!ID_PATTERN.test(text)) throw new Error(`${what} "${text}" is not a valid contract id (1–64 of A-Z a-z 0-9 . _ : -)`);
}

/** One simulated day of the hall, with counts; `generateHallDay` returns just the events. */
export function simulateHallDay(opts: GenerateDayOptions): { events: HallEvent[]; stats: DayStats } {
  const { hall, hallId, date } = opts;
  const scale = opts.scale ?? 1;
  if (!(scale >= 0)) throw new Error(`scale must be ≥ 0, got ${scale}`);
  const offset = opts.utcOffsetMinutes ?? 480;
  const idPrefix = opts.idPrefix ?? hallId;
  const ticketIdPrefix = opts.ticketIdPrefix ?? date;
  const params = resolveParams(hall, opts.params);
  const kind = dayKindOf(date);
  const schedule = scheduleFor(kind);
  const rng = new Rng(hashSeed(opts.seed, hallId, date));
  const stats: DayStats = {
    date, kind, events: 0, windowsOpened: 0, issued: 0, turnedAway: 0, called: 0, recalls: 0, noShows: 0,
    transfers: 0, served: 0, evaluations: 0, returns: 0, leftWaiting: 0,
  };
  const dayStart = localMidnight(date, offset); // validates the date too
  assertId(`${idPrefix}:${date}:1`, "event id");
  assertId(`${ticketIdPrefix}-A0001`, "ticket id");
  if (!schedule || scale === 0) return { events: [], stats };

  const agenda = new Agenda();
  const emitted: { t: number; body: EventBody }[] = [];
  const emit = (body: EventBody): void => {
    emitted.push({ t: agenda.now, body });
  };

  const catParams = (id: string): CategorySimParams => params.categories[id] as CategorySimParams;
  const wins = chooseWindows(hall, params, kind, schedule, scale, rng);
  stats.windowsOpened = wins.length;
  const winsByCategory = new Map<string, Win[]>();
  for (const w of wins) for (const c of w.categories) winsByCategory.set(c, [...(winsByCategory.get(c) ?? []), w]);
  const queues = new Map<string, Ticket[]>();
  for (const c of hall.categories) queues.set(c.id, []);
  const counters = new Map<string, number>();
  let ticketSeq = 0;

  const lunchEnd = schedule.lunch ? schedule.lunch.end * MIN : 0;
  const ticketsUntil = schedule.ticketsUntil * MIN;
  const hardStop = schedule.hardStop * MIN;
  const servicePeriods: [number, number][] = schedule.lunch
    ? [[schedule.opens * MIN, schedule.lunch.start * MIN], [schedule.lunch.end * MIN, hardStop - 15 * MIN]]
    : [[schedule.opens * MIN, hardStop - 10 * MIN]];
  /** When `serviceMs` of window time after `t` will have passed (lunch skipped); Infinity past the day. */
  const afterServiceTime = (t: number, serviceMs: number): number => {
    let left = serviceMs;
    for (const [a, b] of servicePeriods) {
      const from = Math.max(a, t);
      if (from >= b) continue;
      if (from + left <= b) return from + left;
      left -= b - from;
    }
    return Infinity;
  };
  const kioskCapMs = (params.kioskCapMinutes ?? 120) * MIN;

  // ── windows ──────────────────────────────────────────────────────────────────────────────
  const hasWaiting = (w: Win): boolean => w.categories.some((c) => (queues.get(c)?.length ?? 0) > 0);

  const takeNext = (w: Win): Ticket | undefined => {
    let best: Ticket | undefined;
    let bestQueue: Ticket[] | undefined;
    for (const c of w.categories) {
      const q = queues.get(c);
      if (!q) continue;
      for (const t of q) {
        if (!best || t.tier < best.tier || (t.tier === best.tier && (t.since < best.since || (t.since === best.since && t.seq < best.seq)))) {
          best = t;
          bestQueue = q;
        }
      }
    }
    if (best && bestQueue) bestQueue.splice(bestQueue.indexOf(best), 1);
    return best;
  };

  const becomeIdleAfter = (w: Win, ms: number): void => {
    agenda.at(agenda.now + ms, () => {
      w.state = "idle";
      next(w);
    });
  };

  const poke = (w: Win, delayMs: number): void => {
    if (w.pokePending) return;
    w.pokePending = true;
    agenda.at(agenda.now + delayMs, () => {
      w.pokePending = false;
      if (w.state === "idle") next(w);
    });
  };

  const pause = (w: Win, reason: string, until: number): void => {
    emit({ type: "window.paused", windowId: w.id, reason });
    w.state = "paused";
    agenda.at(until, () => {
      emit({ type: "window.resumed", windowId: w.id });
      w.state = "idle";
      next(w);
    });
  };

  function next(w: Win): void {
    if (w.state !== "idle") return;
    const now = agenda.now;
    if (w.lunchAt !== null && !w.lunchTaken && now >= w.lunchAt) {
      w.lunchTaken = true;
      if (now < lunchEnd) {
        pause(w, "午休", Math.max(w.lunchBackAt, now + 30 * MIN));
        return;
      }
    }
    const due = w.breaks[0];
    if (due && now >= due.at) {
      w.breaks.shift();
      if (now + due.ms < w.closeAt) {
        pause(w, due.reason, now + due.ms);
        return;
      }
    }
    if (now >= w.closeAt && (now >= hardStop || !hasWaiting(w))) {
      emit({ type: "window.closed", windowId: w.id });
      w.state = "closed";
      return;
    }
    const ticket = takeNext(w);
    if (ticket) call(w, ticket);
  }

  // ── tickets ──────────────────────────────────────────────────────────────────────────────
  const usable = (categoryId: string): boolean => (winsByCategory.get(categoryId) ?? []).some((w) => w.state !== "closed");

  const enqueue = (t: Ticket): void => {
    queues.get(t.categoryId)?.push(t);
    for (const w of winsByCategory.get(t.categoryId) ?? []) if (w.state === "idle") poke(w, rng.uniform(2, 8) * SEC);
  };

  const arrive = (categoryId: string, returning?: { caseRef: string; itemCode: string | undefined }): void => {
    const now = agenda.now;
    const windows = winsByCategory.get(categoryId);
    if (!windows || now >= ticketsUntil) return;
    const p = catParams(categoryId);
    const waiting = queues.get(categoryId)?.length ?? 0;
    // 限号: the kiosk stops issuing when the expected wait runs past the day or past the cap.
    const expectedCall = afterServiceTime(now, (waiting * p.meanHandleSeconds * SEC) / windows.length);
    if (expectedCall - now > kioskCapMs || expectedCall + p.meanHandleSeconds * SEC > hardStop - 10 * MIN) {
      stats.turnedAway++;
      return;
    }
    let priority: Priority = "normal";
    let channel: Ticket["channel"];
    const r = rng.next();
    if (!returning && r < 0.03) {
      priority = "green";
      channel = rng.chance(0.5) ? "staff" : "kiosk";
    } else if (!returning && r < 0.13) {
      priority = "appointment";
      channel = rng.chance(0.75) ? "online" : "kiosk";
    } else {
      const c = rng.next();
      channel = c < 0.9 ? "kiosk" : c < 0.96 ? "staff" : "online";
    }
    const count = (counters.get(categoryId) ?? 0) + 1;
    counters.set(categoryId, count);
    const no = `${p.prefix}${String(count).padStart(3, "0")}`;
    const codes = hall.categories.find((c) => c.id === categoryId)?.itemCodes ?? [];
    const itemCode =
      returning?.itemCode !== undefined && codes.includes(returning.itemCode)
        ? returning.itemCode
        : codes.length > 0
          ? rng.weightedPick(codes, codes.map((_, i) => 1 / (i + 1) ** 0.6))
          : undefined;
    const ticket: Ticket = {
      id: `${ticketIdPrefix}-${no}`,
      no,
      categoryId,
      issuedAt: now,
      since: now,
      tier: TIER[priority],
      seq: ticketSeq++,
      transferred: false,
      channel,
      itemCode,
      caseRef: returning ? returning.caseRef : `c-${rng.hex(12)}`,
    };
    emit({
      type: "ticket.issued",
      ticketId: ticket.id,
      ticketNo: no,
      categoryId,
      ...(itemCode !== undefined ? { itemCode } : {}),
      channel,
      caseRef: ticket.caseRef,
      priority,
    });
    stats.issued++;
    if (returning) stats.returns++;
    enqueue(ticket);
  };

  function call(w: Win, t: Ticket): void {
    const now = agenda.now;
    w.state = "busy";
    emit({ type: "ticket.called", ticketId: t.id, windowId: w.id });
    stats.called++;
    const waitedHours = (now - t.issuedAt) / (60 * MIN);
    const pNoShow = 0.018 + 0.012 * Math.min(waitedHours, 2.5) + (t.channel === "online" ? 0.02 : 0);
    if (rng.chance(pNoShow)) {
      // Called, called again, then given up on: the window moves on.
      const recallAt = now + rng.uniform(45, 90) * SEC;
      const giveUpAt = recallAt + rng.uniform(45, 90) * SEC;
      agenda.at(recallAt, () => {
        emit({ type: "ticket.called", ticketId: t.id, windowId: w.id });
        stats.recalls++;
      });
      agenda.at(giveUpAt, () => {
        emit({ type: "ticket.no_show", ticketId: t.id, windowId: w.id });
        stats.noShows++;
        becomeIdleAfter(w, rng.uniform(5, 15) * SEC);
      });
      return;
    }
    let walkFrom = now;
    if (rng.chance(RECALL_SHARE)) {
      walkFrom = now + rng.uniform(40, 90) * SEC;
      agenda.at(walkFrom, () => {
        emit({ type: "ticket.called", ticketId: t.id, windowId: w.id });
        stats.recalls++;
      });
    }
    const atCounter = walkFrom + rng.uniform(20, 60) * SEC;
    const p = catParams(t.categoryId);
    if (!t.transferred && p.transferTo.length > 0 && rng.chance(TRANSFER_SHARE)) {
      // Wrong counter: after a short look at the case the ticket moves to another category (转窗). The
      // service is never started here, so the window is not left "busy" with an unfinished service.
      const target = rng.pick(p.transferTo);
      agenda.at(atCounter + rng.uniform(40, 120) * SEC, () => {
        if (target !== t.categoryId && usable(target)) {
          emit({ type: "ticket.transferred", ticketId: t.id, fromWindowId: w.id, toCategoryId: target });
          stats.transfers++;
          t.categoryId = target;
          t.transferred = true;
          t.tier = Math.min(t.tier, TIER.transferred);
          enqueue(t);
          becomeIdleAfter(w, rng.uniform(10, 30) * SEC);
        } else {
          serve(w, t);
        }
      });
      return;
    }
    agenda.at(atCounter, () => serve(w, t));
  }

  function serve(w: Win, t: Ticket): void {
    emit({ type: "service.started", ticketId: t.id, windowId: w.id });
    const p = catParams(t.categoryId);
    const handleMs = Math.round(Math.min(Math.max(rng.lognormal(p.meanHandleSeconds, p.handleCv), 45), p.meanHandleSeconds * 6) * SEC);
    agenda.at(agenda.now + handleMs, () => {
      const doneShare = Math.max(0, 1 - p.acceptedShare - p.rejectedShare - p.needsMaterialsShare);
      const outcome: Outcome = rng.weightedPick(
        ["done", "accepted", "rejected", "needs_materials"] as const,
        [doneShare, p.acceptedShare, p.rejectedShare, p.needsMaterialsShare],
      );
      const materials = outcome === "needs_materials" && p.materials.length > 0 ? rng.sample(p.materials, rng.int(1, Math.min(3, p.materials.length))) : undefined;
      emit({
        type: "service.completed",
        ticketId: t.id,
        windowId: w.id,
        outcome,
        ...(materials ? { requestedMaterials: materials } : {}),
      });
      stats.served++;
      const completedAt = agenda.now;
      if (rng.chance(EVALUATION_SHARE)) {
        agenda.at(completedAt + rng.uniform(5, 60) * SEC, () => {
          const rating = ratingFor(rng, outcome, completedAt - handleMs - t.issuedAt);
          const comment = rng.chance(COMMENT_SHARE) ? rng.pick(rating >= 4 ? COMMENTS.good : rating === 3 ? COMMENTS.fair : COMMENTS.poor) : undefined;
          emit({ type: "evaluation.submitted", ticketId: t.id, windowId: w.id, rating, ...(comment ? { comment } : {}) });
          stats.evaluations++;
        });
      }
      if (outcome === "needs_materials" && rng.chance(p.returnShare)) {
        const back = completedAt + rng.uniform(40, 150) * MIN;
        if (back < ticketsUntil - 5 * MIN) {
          const categoryId = t.categoryId;
          const returning = { caseRef: t.caseRef, itemCode: t.itemCode };
          agenda.at(back, () => arrive(categoryId, returning));
        }
      }
      becomeIdleAfter(w, rng.uniform(5, 25) * SEC);
    });
  }

  // ── the day's plan ───────────────────────────────────────────────────────────────────────
  for (const w of wins) {
    const late = rng.chance(0.12);
    const openAt = schedule.opens * MIN + (late ? rng.uniform(1, 8) : -rng.uniform(0, 5)) * MIN;
    agenda.at(openAt, () => {
      emit({ type: "window.opened", windowId: w.id, staffId: w.staffId });
      w.state = "idle";
      next(w);
    });
    for (const at of [w.lunchAt, ...w.breaks.map((b) => b.at), w.closeAt]) {
      if (at !== null) agenda.at(at, () => {
        if (w.state === "idle") next(w);
      });
    }
  }

  const shares = minuteShares(kind);
  const totalWeight = hall.categories.reduce((s, c) => s + Math.max(0, catParams(c.id).demandWeight), 0);
  const dayNoise = rng.lognormal(1, 0.08);
  const arrivals: { t: number; categoryId: string }[] = [];
  for (const c of hall.categories) {
    if (!winsByCategory.has(c.id) || totalWeight <= 0) continue;
    const p = catParams(c.id);
    const expected =
      params.dailyTickets * (Math.max(0, p.demandWeight) / totalWeight) * scale * dayDemandFactor(date) * boostFor(p.demandBoosts, date) * dayNoise * rng.lognormal(1, 0.1);
    for (let m = 0; m < shares.length; m++) {
      const share = shares[m] as number;
      if (share === 0) continue;
      const n = rng.poisson(expected * share);
      for (let k = 0; k < n; k++) arrivals.push({ t: m * MIN + Math.floor(rng.next() * MIN), categoryId: c.id });
    }
  }
  arrivals.sort((a, b) => a.t - b.t);
  for (const a of arrivals) agenda.at(a.t, () => arrive(a.categoryId));

  agenda.run();

  for (const w of wins) {
    if (w.state !== "closed") {
      agenda.now = Math.max(agenda.now, hardStop);
      emit({ type: "window.closed", windowId: w.id });
      w.state = "closed";
    }
  }
  for (const q of queues.values()) stats.leftWaiting += q.length;

  // ── contract events ──────────────────────────────────────────────────────────────────────
  emitted.sort((a, b) => a.t - b.t); // stable: same-millisecond events keep their causal order
  const offsetText = formatOffset(offset);
  const events = emitted.map(({ t, body }, i) => ({ id: `${idPrefix}:${date}:${i + 1}`, hallId, ts: isoWithOffset(dayStart + t, offset, offsetText), ...body }) as HallEvent);
  stats.events = events.length;
  return { events, stats };
}

/** The events of one simulated hall day, sorted by ts. */
export function generateHallDay(opts: GenerateDayOptions): HallEvent[] {
  return simulateHallDay(opts).events;
}

function ratingFor(rng: Rng, outcome: Outcome, waitedMs: number): number {
  const longWait = waitedMs > 40 * MIN;
  const unhappy = outcome === "needs_materials" || outcome === "rejected";
  // Weights for ratings 5, 4, 3, 2, 1.
  const weights = unhappy ? [55, 25, 10, 5, 5] : longWait ? [64, 22, 8, 3, 3] : [80, 15, 2.5, 1.2, 1.3];
  return 5 - rng.weightedIndex(weights);
}

/** Which configured windows are staffed today, with their staff and their breaks. */
function chooseWindows(hall: HallConfig, params: HallSimParams, kind: DayKind, schedule: DaySchedule, scale: number, rng: Rng): Win[] {
  const departments: string[] = [];
  for (const w of hall.windows) if (!departments.includes(w.department)) departments.push(w.department);
  const chosen = new Set<string>();
  if (kind === "saturday") {
    for (const id of params.saturdayWindows) chosen.add(id);
  } else {
    for (const dept of departments) {
      const group = hall.windows.filter((w) => w.department === dept);
      const typical = params.departments[dept]?.typicalOpenWindows ?? group.length;
      const n = Math.min(group.length, Math.max(1, Math.ceil(typical * scale - 1e-9)));
      const picked: typeof group = group.filter((w) => w.comprehensive === true).slice(0, n);
      const rest = rng.sample(group.filter((w) => !picked.includes(w)), group.length);
      // First make sure each of the department's categories has a window, then fill up to n.
      const covered = new Set(picked.flatMap((w) => w.categories));
      for (const w of rest) {
        if (picked.length >= n) break;
        if (w.categories.some((c) => !covered.has(c))) {
          picked.push(w);
          w.categories.forEach((c) => covered.add(c));
        }
      }
      for (const w of rest) {
        if (picked.length >= n) break;
        if (!picked.includes(w)) picked.push(w);
      }
      for (const w of picked) chosen.add(w.id);
    }
  }
  const lunch = schedule.lunch;
  return hall.windows
    .filter((w) => chosen.has(w.id))
    .map((w) => {
      const dept = departments.indexOf(w.department) + 1;
      const position = hall.windows.filter((x) => x.department === w.department).indexOf(w) + 1;
      const groupSize = hall.windows.filter((x) => x.department === w.department).length;
      const staffNo = rng.chance(0.15) ? position + groupSize : position; // a colleague covers today
      const onLunchDuty = params.lunchDutyWindows.includes(w.id);
      const breaks: Win["breaks"] = [];
      if (kind === "weekday" && lunch) {
        if (rng.chance(0.3)) breaks.push({ at: rng.uniform(schedule.opens + 40, lunch.start - 30) * MIN, ms: rng.uniform(5, 15) * MIN, reason: "临时离开" });
        if (rng.chance(0.3)) breaks.push({ at: rng.uniform(lunch.end + 30, schedule.closes - 40) * MIN, ms: rng.uniform(5, 15) * MIN, reason: "临时离开" });
        if (rng.chance(0.02)) breaks.push({ at: rng.uniform(schedule.opens + 30, schedule.closes - 60) * MIN, ms: rng.uniform(10, 25) * MIN, reason: "系统维护" });
        breaks.sort((a, b) => a.at - b.at);
      }
      return {
        id: w.id,
        categories: [...w.categories],
        staffId: `s-${String(dept).padStart(2, "0")}${String(staffNo).padStart(2, "0")}`,
        state: "off",
        lunchAt: lunch && !onLunchDuty ? (lunch.start + rng.uniform(-6, 2)) * MIN : null,
        lunchBackAt: lunch ? (lunch.end + rng.uniform(-4, 5)) * MIN : 0,
        lunchTaken: false,
        breaks,
        closeAt: (schedule.closes + rng.uniform(0, 4)) * MIN,
        pokePending: false,
      } satisfies Win;
    });
}
