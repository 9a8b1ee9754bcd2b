// How a queue screen shows a band: "预计等待 10–15 分钟". Rounding is outward, so the shown band always
// contains the estimated P50–P80: down/up to whole minutes below 10 minutes, to 5 minutes from 10 on
// (a screen that says "11–14" claims a precision the hall does not have). A band is never of width 0:
// when both ends round to the same figure the upper end moves up one step. A lower end of 0 reads
// "N 分钟内" (within N minutes) rather than "0–N".

export interface ShownBand {
  lowMinutes: number;
  highMinutes: number;
  /** e.g. "10–15 分钟", "3 分钟内". */
  text: string;
}

const STEP_FROM = 10;
const COARSE = 5;

function roundDown(m: number): number {
  return m < STEP_FROM ? Math.floor(m) : COARSE * Math.floor(m / COARSE);
}

function roundUp(m: number): number {
  return m <= STEP_FROM ? Math.ceil(m) : COARSE * Math.ceil(m / COARSE);
}

/** The shown band of an estimated P50–P80 (minutes, P50 ≤ P80); null when the estimate is unknown. */
export function screenBand(p50Minutes: number | null, p80Minutes: number | null): ShownBand | null {
  if (p50Minutes === null || p80Minutes === null || !Number.isFinite(p50Minutes) || !Number.isFinite(p80Minutes)) return null;
  const lo = Math.max(0, Math.min(p50Minutes, p80Minutes));
  const hi = Math.max(0, p50Minutes, p80Minutes);
  const lowMinutes = roundDown(lo);
  let highMinutes = roundUp(hi);
  if (highMinutes <= lowMinutes) highMinutes = lowMinutes + (lowMinutes >= STEP_FROM ? COARSE : 1);
  const text = lowMinutes === 0 ? `${highMinutes} 分钟内` : `${lowMinutes}–${highMinutes} 分钟`;
  return { lowMinutes, highMinutes, text };
}
