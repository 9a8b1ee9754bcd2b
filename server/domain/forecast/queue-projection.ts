// The next hour of the hall's queues, projected from now: every window that is (or will be back) open
// calls, whenever it is free, the next ticket of its categories by the call.next rule (green channel
// first, then the longest wait) and is then taken for the category's mean cycle. Tickets are the ones
// waiting now plus the forecast arrivals. Deterministic and event-driven (not minute steps), so a breach
// time is exact for the inputs. One simulation covers the whole hall, because windows serving several
// categories (综合窗口) share their time between them.

export interface ProjectedWindow {
  windowId: string;
  categories: readonly string[];
  /** When the window can call its next ticket (now when idle; later when serving or paused). */
  freeAt: number;
}

export interface ProjectedTicket {
  categoryId: string;
  /** When it entered its queue (issue, transfer in, or the forecast arrival time). */
  since: number;
  green: boolean;
  /** A forecast arrival rather than a ticket waiting now. */
  forecast: boolean;
}

export interface ProjectionInput {
  now: number;
  horizonEnd: number;
  targetMs: number;
  windows: readonly ProjectedWindow[];
  tickets: readonly ProjectedTicket[];
  /** Mean cycle per category; a category without one is not projected. */
  cycleMs: ReadonlyMap<string, number>;
}

export interface CategoryProjection {
  categoryId: string;
  /** A ticket has waited past the target already (the live view shows the category hot). */
  breachedNow: boolean;
  /** First moment after now at which a ticket will have waited past the target, within the horizon. */
  breachAt: number | null;
  /** Longest projected wait of a ticket in the queue by the horizon's end (a lower bound when still uncalled then). */
  maxWaitMs: number;
  /** Tickets of the category called within the horizon. */
  called: number;
}

/** Green channel first, then the earliest queue entry (ties: the input order). */
function before(a: ProjectedTicket, b: ProjectedTicket): boolean {
  if (a.green !== b.green) return a.green;
  return a.since < b.since;
}

export function projectQueues(input: ProjectionInput): Map<string, CategoryProjection> {
  const { now, horizonEnd, targetMs, cycleMs } = input;
  const tickets = input.tickets.filter((t) => cycleMs.has(t.categoryId) && t.since <= horizonEnd);
  const calledAt = new Array<number | null>(tickets.length).fill(null);
  const windows = input.windows
    .map((w) => ({ categories: new Set(w.categories.filter((c) => cycleMs.has(c))), freeAt: Math.max(now, w.freeAt) }))
    .filter((w) => w.categories.size > 0);

  for (;;) {
    // The window free first (ties: configuration order) takes its next ticket.
    let w: (typeof windows)[number] | undefined;
    for (const x of windows) if (x.freeAt < horizonEnd && (w === undefined || x.freeAt < w.freeAt)) w = x;
    if (w === undefined) break;
    let best = -1;
    let nextArrival = Infinity;
    for (let i = 0; i < tickets.length; i++) {
      const t = tickets[i] as ProjectedTicket;
      if (calledAt[i] !== null || !w.categories.has(t.categoryId)) continue;
      if (t.since > w.freeAt) nextArrival = Math.min(nextArrival, t.since);
      else if (best === -1 || before(t, tickets[best] as ProjectedTicket)) best = i;
    }
    if (best === -1) {
      // Idle until the next ticket of its categories arrives (or for good when none will).
      w.freeAt = nextArrival;
      continue;
    }
    const t = tickets[best] as ProjectedTicket;
    calledAt[best] = w.freeAt;
    w.freeAt += cycleMs.get(t.categoryId) as number;
  }

  const out = new Map<string, CategoryProjection>();
  for (const categoryId of cycleMs.keys()) out.set(categoryId, { categoryId, breachedNow: false, breachAt: null, maxWaitMs: 0, called: 0 });
  tickets.forEach((t, i) => {
    const p = out.get(t.categoryId) as CategoryProjection;
    const call = calledAt[i] ?? null;
    const waitedBy = (call ?? horizonEnd) - t.since;
    p.maxWaitMs = Math.max(p.maxWaitMs, waitedBy);
    if (call !== null) p.called += 1;
    if (!t.forecast && now - t.since > targetMs) p.breachedNow = true;
    // Waiting past the target means still uncalled at since + target (a wait of exactly the target is within it).
    const breach = t.since + targetMs;
    if (waitedBy > targetMs && breach > now && breach <= horizonEnd && (p.breachAt === null || breach < p.breachAt)) p.breachAt = breach;
  });
  return out;
}
