// The public monthly summary (issue #10), built from the same open data a journalist downloads: the
// hall's row per day, and per category the month's totals of the published cells only. Suppressed cells
// are counted, never estimated: adding them back from the hall total would undo the suppression.
import type { OpenDataDaily, OpenDataRow } from "../../../contract/public.js";

export interface MonthCategory {
  key: string;
  name: string;
  arrivals: number;
  served: number;
  evaluations: number;
  poorEvaluations: number;
  /** Days on which this category's cell was suppressed. */
  hiddenDays: number;
}

export interface MonthSummary {
  days: OpenDataRow[];
  categories: MonthCategory[];
  /** Sums over the hall rows that are published. */
  totals: { arrivals: number; served: number; evaluations: number; poorEvaluations: number };
  hiddenCells: number;
}

const add = (a: number, b: number | null) => a + (b ?? 0);

export function monthSummary(data: OpenDataDaily): MonthSummary {
  const days = data.rows.filter((r) => r.level === "hall");
  const categories = new Map<string, MonthCategory>();
  for (const r of data.rows) {
    if (r.level !== "category" || r.key === null) continue;
    const c = categories.get(r.key) ?? { key: r.key, name: r.name, arrivals: 0, served: 0, evaluations: 0, poorEvaluations: 0, hiddenDays: 0 };
    if (r.suppressed) c.hiddenDays += 1;
    else {
      c.arrivals = add(c.arrivals, r.arrivals);
      c.served = add(c.served, r.served);
      c.evaluations = add(c.evaluations, r.evaluations);
      c.poorEvaluations = add(c.poorEvaluations, r.poorEvaluations);
    }
    categories.set(r.key, c);
  }
  const published = days.filter((d) => !d.suppressed);
  return {
    days,
    categories: [...categories.values()],
    totals: {
      arrivals: published.reduce((s, d) => add(s, d.arrivals), 0),
      served: published.reduce((s, d) => add(s, d.served), 0),
      evaluations: published.reduce((s, d) => add(s, d.evaluations), 0),
      poorEvaluations: published.reduce((s, d) => add(s, d.poorEvaluations), 0),
    },
    hiddenCells: data.rows.filter((r) => r.suppressed && r.level !== "window").length,
  };
}

/** First and last date of a month "YYYY-MM". */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}
