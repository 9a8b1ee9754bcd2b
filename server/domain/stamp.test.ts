import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareStamps, holdsStamp, insertSorted, lastAtOrBefore, type Stamp } from "./stamp.js";

const s = (ts: number, rank: number, eventId: string): Stamp => ({ ts, rank, eventId });

const stampArb = fc.record({
  ts: fc.integer({ min: 0, max: 20 }),
  rank: fc.integer({ min: 0, max: 3 }),
  eventId: fc.constantFrom("a", "b", "c", "aa", "B", "e-1", "e-10", "e-2"),
});

describe("compareStamps", () => {
  it("orders by ts first, whatever rank and id say", () => {
    expect(compareStamps(s(1, 9, "z"), s(2, 0, "a"))).toBeLessThan(0);
    expect(compareStamps(s(2, 0, "a"), s(1, 9, "z"))).toBeGreaterThan(0);
  });

  it("breaks a ts tie by rank", () => {
    expect(compareStamps(s(5, 1, "z"), s(5, 2, "a"))).toBeLessThan(0);
    expect(compareStamps(s(5, 2, "a"), s(5, 1, "z"))).toBeGreaterThan(0);
  });

  it("breaks a ts and rank tie by event id (code-unit order)", () => {
    expect(compareStamps(s(5, 1, "a"), s(5, 1, "b"))).toBe(-1);
    expect(compareStamps(s(5, 1, "b"), s(5, 1, "a"))).toBe(1);
    // String comparison, not numeric: "e-10" < "e-2"; upper case before lower case.
    expect(compareStamps(s(5, 1, "e-10"), s(5, 1, "e-2"))).toBe(-1);
    expect(compareStamps(s(5, 1, "B"), s(5, 1, "a"))).toBe(-1);
  });

  it("is 0 only for equal keys", () => {
    expect(compareStamps(s(5, 1, "a"), s(5, 1, "a"))).toBe(0);
  });

  it("handles negative and large timestamps", () => {
    expect(compareStamps(s(-1000, 0, "a"), s(0, 0, "a"))).toBeLessThan(0);
    expect(compareStamps(s(8.64e15, 0, "a"), s(8.64e15 - 1, 0, "a"))).toBeGreaterThan(0);
  });

  it("is antisymmetric and consistent with key equality (property)", () => {
    fc.assert(
      fc.property(stampArb, stampArb, (a, b) => {
        const ab = Math.sign(compareStamps(a, b));
        const ba = Math.sign(compareStamps(b, a));
        expect(ab).toBe(-ba || 0);
        const equalKeys = a.ts === b.ts && a.rank === b.rank && a.eventId === b.eventId;
        expect(ab === 0).toBe(equalKeys);
      }),
      { numRuns: 300 },
    );
  });

  it("is transitive (property)", () => {
    fc.assert(
      fc.property(stampArb, stampArb, stampArb, (a, b, c) => {
        if (compareStamps(a, b) <= 0 && compareStamps(b, c) <= 0) expect(compareStamps(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("insertSorted", () => {
  it("inserts into an empty list", () => {
    const list: Stamp[] = [];
    insertSorted(list, s(3, 0, "a"));
    expect(list).toEqual([s(3, 0, "a")]);
  });

  it("appends an item that sorts last", () => {
    const list = [s(1, 0, "a"), s(2, 0, "a")];
    insertSorted(list, s(3, 0, "a"));
    expect(list.map((x) => x.ts)).toEqual([1, 2, 3]);
  });

  it("inserts at the front and in the middle", () => {
    const list = [s(2, 0, "a"), s(4, 0, "a")];
    insertSorted(list, s(1, 0, "a"));
    insertSorted(list, s(3, 0, "a"));
    expect(list.map((x) => x.ts)).toEqual([1, 2, 3, 4]);
  });

  it("places a same-ts item by rank, then by id", () => {
    const list = [s(5, 0, "a"), s(5, 2, "a"), s(6, 0, "a")];
    insertSorted(list, s(5, 1, "z"));
    insertSorted(list, s(5, 2, "0"));
    expect(list).toEqual([s(5, 0, "a"), s(5, 1, "z"), s(5, 2, "0"), s(5, 2, "a"), s(6, 0, "a")]);
  });

  it("puts an item with an equal key after the existing one (stable)", () => {
    const first = { ...s(5, 1, "x"), tag: "first" };
    const second = { ...s(5, 1, "x"), tag: "second" };
    const list = [s(1, 0, "a"), first, s(9, 0, "a")];
    insertSorted(list, second);
    expect(list[1]).toBe(first);
    expect(list[2]).toBe(second);
  });

  it("yields the same sorted list for any insertion order (property)", () => {
    const uniqueStamps = fc.uniqueArray(stampArb, {
      selector: (x) => `${x.ts}|${x.rank}|${x.eventId}`,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        uniqueStamps.chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length })),
        ),
        ([items, shuffled]) => {
          const list: Stamp[] = [];
          for (const x of shuffled) insertSorted(list, x);
          const expected = [...items].sort(compareStamps);
          expect(list).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("lastAtOrBefore", () => {
  const list = [s(10, 0, "a"), s(20, 0, "a"), s(20, 1, "b"), s(30, 0, "a")];

  it("returns undefined for an empty list", () => {
    expect(lastAtOrBefore([], 100)).toBeUndefined();
  });

  it("returns undefined when every element is later", () => {
    expect(lastAtOrBefore(list, 9)).toBeUndefined();
  });

  it("includes an element at exactly t, the last of several equal ts", () => {
    expect(lastAtOrBefore(list, 10)).toBe(list[0]);
    expect(lastAtOrBefore(list, 20)).toBe(list[2]);
  });

  it("returns the last element before t when t falls between elements", () => {
    expect(lastAtOrBefore(list, 25)).toBe(list[2]);
    expect(lastAtOrBefore(list, 19.5)).toBe(list[0]);
  });

  it("returns the last element when t is after all", () => {
    expect(lastAtOrBefore(list, 1e12)).toBe(list[3]);
    expect(lastAtOrBefore(list, Infinity)).toBe(list[3]);
  });

  it("agrees with a linear scan (property)", () => {
    fc.assert(
      fc.property(fc.array(stampArb, { maxLength: 25 }), fc.integer({ min: -2, max: 22 }), (items, t) => {
        const sorted = [...items].sort(compareStamps);
        let expected: Stamp | undefined;
        for (const x of sorted) if (x.ts <= t) expected = x;
        expect(lastAtOrBefore(sorted, t)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("holdsStamp", () => {
  it("finds exactly the stamps held, first, last and between (property)", () => {
    fc.assert(
      fc.property(fc.array(stampArb, { maxLength: 30 }), stampArb, (items, probe) => {
        const list: Stamp[] = [];
        for (const item of items) insertSorted(list, item);
        expect(holdsStamp(list, probe)).toBe(list.some((x) => compareStamps(x, probe) === 0));
        for (const x of list) expect(holdsStamp(list, { ...x })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
