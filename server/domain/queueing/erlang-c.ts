// M/M/c queueing (Erlang C), computed through the Erlang B recursion so that it stays exact and stable
// for hundreds of servers (no factorials, no powers that overflow).

/** Erlang B blocking probability for `servers` and offered load `erlangs` (A = λ/μ). */
export function erlangB(servers: number, erlangs: number): number {
  if (erlangs <= 0) return 0;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (erlangs * b) / (k + erlangs * b);
  return b;
}

/** Erlang C: the probability that an arrival waits. 1 when the load reaches the servers (A ≥ c). */
export function erlangC(servers: number, erlangs: number): number {
  if (erlangs <= 0) return 0;
  if (servers <= 0 || erlangs >= servers) return 1;
  const b = erlangB(servers, erlangs);
  return (servers * b) / (servers - erlangs * (1 - b));
}

export interface QueueInput {
  /** Arrivals per second. */
  arrivalRate: number;
  /** Mean handling time in seconds. */
  meanServiceSeconds: number;
}

/** Share of arrivals that wait at most `targetSeconds` with `servers` servers (0 when unstable). */
export function serviceLevel(servers: number, q: QueueInput, targetSeconds: number): number {
  const a = q.arrivalRate * q.meanServiceSeconds;
  if (a <= 0) return 1;
  if (servers <= a) return 0;
  return 1 - erlangC(servers, a) * Math.exp((-(servers - a) * targetSeconds) / q.meanServiceSeconds);
}

/** Mean wait in the queue in seconds (Infinity when unstable). */
export function meanWaitSeconds(servers: number, q: QueueInput): number {
  const a = q.arrivalRate * q.meanServiceSeconds;
  if (a <= 0) return 0;
  if (servers <= a) return Infinity;
  return (erlangC(servers, a) * q.meanServiceSeconds) / (servers - a);
}

/** The fewest servers for which at least `targetShare` of arrivals wait at most `targetSeconds`. */
export function serversNeeded(q: QueueInput, targetSeconds: number, targetShare: number, maxServers = 1000): number {
  const a = q.arrivalRate * q.meanServiceSeconds;
  if (a <= 0) return 0;
  for (let c = Math.max(1, Math.floor(a) + 1); c <= maxServers; c++) if (serviceLevel(c, q, targetSeconds) >= targetShare) return c;
  return maxServers;
}
