// A hall for the early-warning tests (integration and browser): two 社会保险 windows, a 不动产登记 window
// and a comprehensive 5号窗口 that is cold, in a fixed-offset time zone where the real clock reads about
// noon (so history and today never wrap past midnight), and its days as events: steady, or with a surge
// of 社会保险 over the last quarter hour before `base`.
import type { HallConfig, HallEvent } from "../../contract/index.js";
import { every, fifoDayEvents } from "../../server/domain/forecast/fifo-day.js";
import type { Api } from "./api.js";

const MIN = 60_000;
export const DAY_MS = 86_400_000;

/** A fixed-offset zone in which `now` reads about 12:00 (Etc/GMT signs are reversed). */
export function noonZone(now: number): string {
  let offset = 12 - new Date(now).getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

export function forecastHall(now: number): HallConfig {
  return {
    name: "预警测试大厅",
    timezone: noonZone(now),
    categories: [
      { id: "social", name: "社会保险", itemCodes: [] },
      { id: "estate", name: "不动产登记", itemCodes: [] },
    ],
    windows: [
      { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] },
      { id: "w2", name: "2号窗口", department: "人社局", categories: ["social"] },
      { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["estate"] },
      { id: "w5", name: "5号窗口", department: "综合受理", categories: ["estate"], comprehensive: true },
    ],
    targets: { waitMinutes: 20 },
  };
}

/**
 * A day of the hall around `base` (minutes relative to it): every window open from −240, 社会保险 every
 * 4 minutes (with `surge`, every 40 s over the last 15 minutes before `base`), 不动产登记 every 30 minutes,
 * served first come first served in 7-minute cycles. Only what happened before `until` is kept.
 */
export function forecastDayEvents(hall: HallConfig, hallId: string, base: number, prefix: string, surge: boolean, until: number): HallEvent[] {
  const m = (minutes: number) => base + minutes * MIN;
  const social = surge ? [...every("social", m(-240), m(-15), 4 * MIN), ...every("social", m(-15), m(0), 40_000)] : every("social", m(-240), m(120), 4 * MIN);
  const estate = every("estate", m(-235), m(120), 30 * MIN);
  const events = fifoDayEvents({ hall, opens: m(-240), closes: m(180), arrivals: [...social, ...estate], serviceMs: 6 * MIN, prefix });
  return events.filter((e) => Date.parse(e.ts) < until).map((e) => ({ ...e, hallId }));
}

/** Four past same weekdays at the same local times as `now`, steady, as history. */
export function forecastHistory(hall: HallConfig, hallId: string, now: number): HallEvent[] {
  return [1, 2, 3, 4].flatMap((k) => {
    const base = now - 7 * k * DAY_MS;
    return forecastDayEvents(hall, hallId, base, `h${k}`, false, base + 180 * MIN + 1);
  });
}

/** Posts events in batches of 500; throws unless every one is accepted. */
export async function sendAll(api: Api, hallId: string, events: readonly HallEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const res = await api.postEvents(hallId, events.slice(i, i + 500));
    const refused = res.status === 200 ? res.body.results.filter((r) => r.status !== "accepted") : [];
    if (res.status !== 200 || refused.length > 0) throw new Error(`events: ${res.status} ${JSON.stringify(refused.slice(0, 3))}`);
  }
}

/** Waits until the rollup worker has no day of the hall pending. */
export async function rollupsSettled(api: Api, hallId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.request<{ pendingDays: number }>("GET", `/api/halls/${hallId}/history/status`);
    if (res.status === 200 && res.body.pendingDays === 0) return;
    if (Date.now() > deadline) throw new Error(`rollups of ${hallId} not settled: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
