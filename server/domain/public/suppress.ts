// Small-cell suppression for open data (去标识化): a published figure must never describe fewer than
// `min` tickets, directly or by subtraction. Per day:
// 1. primary — a cell with 1 … min−1 tickets is suppressed (a cell of 0 tickets describes nobody and
//    stays published);
// 2. complementary — within a level (the categories, the windows), the suppressed cells together must
//    hold at least `min` tickets and be at least two, or the hall's total minus the published cells would
//    give them away; the smallest published non-empty cells of that level are suppressed until that holds
//    (or none is left);
// 3. a suppressed hall row suppresses every cell of the day (its total would bound them all).
import type { OpenDataLevel } from "../../../contract/public.js";

export interface Cell {
  level: OpenDataLevel;
  tickets: number;
}

/** Which cells to suppress (parallel to `cells`). */
export function suppressSmallCells(cells: readonly Cell[], min: number): boolean[] {
  const hidden = cells.map((c) => c.tickets > 0 && c.tickets < min);
  if (cells.some((c, i) => c.level === "hall" && hidden[i])) return cells.map(() => true);
  for (const level of ["category", "window"] as const) {
    const idx = cells.map((c, i) => (c.level === level ? i : -1)).filter((i) => i >= 0);
    const candidates = idx.filter((i) => !hidden[i] && cells[i]!.tickets > 0).sort((a, b) => cells[a]!.tickets - cells[b]!.tickets || a - b);
    const state = () => {
      const h = idx.filter((i) => hidden[i]);
      return { count: h.length, total: h.reduce((s, i) => s + cells[i]!.tickets, 0) };
    };
    let s = state();
    while (s.count > 0 && (s.count < 2 || s.total < min) && candidates.length > 0) {
      hidden[candidates.shift()!] = true;
      s = state();
    }
  }
  return hidden;
}
