import { describe, expect, it } from "vitest";
import { suppressSmallCells, type Cell } from "./suppress.js";

const hall = (tickets: number): Cell => ({ level: "hall", tickets });
const cat = (tickets: number): Cell => ({ level: "category", tickets });
const win = (tickets: number): Cell => ({ level: "window", tickets });

describe("suppressSmallCells", () => {
  it("publishes cells of at least min tickets, and empty cells (they describe nobody)", () => {
    expect(suppressSmallCells([hall(30), cat(20), cat(10), cat(0), win(15), win(15)], 5)).toEqual([false, false, false, false, false, false]);
  });

  it("suppresses a small cell, and the smallest other non-empty cell of its level so that subtraction cannot recover it", () => {
    // Category 3 has 2 tickets: hall 37 − 20 − 15 would give it away, so the 15 goes too.
    expect(suppressSmallCells([hall(37), cat(20), cat(15), cat(2), cat(0)], 5)).toEqual([false, false, true, true, false]);
  });

  it("keeps suppressing until the suppressed cells of a level hold at least min tickets together", () => {
    // 1 + 1 = 2 < 5: the next smallest (3) is added: 5 ≥ 5.
    expect(suppressSmallCells([hall(60), cat(1), cat(1), cat(3), cat(55)], 5)).toEqual([false, true, true, true, false]);
  });

  it("treats the category and the window levels each on their own", () => {
    expect(suppressSmallCells([hall(40), cat(40), win(3), win(30), win(7)], 5)).toEqual([false, false, true, false, true]);
  });

  it("suppresses the whole day when the hall row itself is small", () => {
    expect(suppressSmallCells([hall(4), cat(4), win(2), win(2)], 5)).toEqual([true, true, true, true]);
  });

  it("follows the configured minimum (1 publishes everything non-empty)", () => {
    expect(suppressSmallCells([hall(12), cat(9), cat(3)], 10)).toEqual([false, true, true]);
    expect(suppressSmallCells([hall(2), cat(1), cat(1)], 1)).toEqual([false, false, false]);
  });

  it("never leaves exactly one suppressed cell in a level that has another non-empty cell", () => {
    for (let a = 0; a < 8; a++)
      for (let b = 0; b < 8; b++)
        for (let c = 0; c < 8; c++) {
          const cells = [hall(40 + a + b + c), cat(a), cat(b), cat(c), cat(40)];
          const hidden = suppressSmallCells(cells, 5);
          const cats = hidden.slice(1);
          const hiddenTickets = cells.slice(1).filter((_, i) => cats[i]).reduce((s, x) => s + x.tickets, 0);
          const count = cats.filter(Boolean).length;
          if (count > 0) {
            expect(count, `${a},${b},${c}`).toBeGreaterThanOrEqual(2);
            expect(hiddenTickets, `${a},${b},${c}`).toBeGreaterThanOrEqual(5);
          }
          cells.slice(1).forEach((x, i) => {
            if (x.tickets > 0 && x.tickets < 5) expect(cats[i]).toBe(true);
          });
        }
  });
});
