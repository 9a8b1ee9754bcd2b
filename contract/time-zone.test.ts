import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDate, localParts, localPartsViaIntl, startOfLocalDay, utcOffsetMs } from "./time-zone.js";

const H = 3_600_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe("Asia/Shanghai (UTC+8, no DST)", () => {
  const tz = "Asia/Shanghai";

  it("has an offset of +8 h in winter and summer", () => {
    expect(utcOffsetMs(utc(2025, 1, 15, 12), tz)).toBe(8 * H);
    expect(utcOffsetMs(utc(2025, 7, 15, 12), tz)).toBe(8 * H);
  });

  it("ignores the millisecond part of the instant when computing the offset", () => {
    expect(utcOffsetMs(utc(2025, 3, 10, 1, 2, 3, 999), tz)).toBe(8 * H);
    expect(utcOffsetMs(utc(1969, 12, 31, 23, 59, 59, 123), tz)).toBe(8 * H);
  });

  it("starts the local day at 16:00 UTC of the previous UTC date", () => {
    // 2025-03-10T16:30Z is 00:30 on 11 March in Shanghai.
    expect(startOfLocalDay(utc(2025, 3, 10, 16, 30), tz)).toBe(utc(2025, 3, 10, 16));
    expect(localDate(utc(2025, 3, 10, 16, 30), tz)).toBe("2025-03-11");
    // 2025-03-10T10:00Z is 18:00 on 10 March.
    expect(startOfLocalDay(utc(2025, 3, 10, 10), tz)).toBe(utc(2025, 3, 9, 16));
    expect(localDate(utc(2025, 3, 10, 10), tz)).toBe("2025-03-10");
  });

  it("puts local midnight itself in the new day and the millisecond before it in the old day", () => {
    const midnight = utc(2025, 3, 10, 16); // 2025-03-11 00:00 local
    expect(startOfLocalDay(midnight, tz)).toBe(midnight);
    expect(localDate(midnight, tz)).toBe("2025-03-11");
    expect(startOfLocalDay(midnight - 1, tz)).toBe(midnight - 24 * H);
    expect(localDate(midnight - 1, tz)).toBe("2025-03-10");
  });

  it("handles year and month ends", () => {
    expect(localDate(utc(2024, 12, 31, 16), tz)).toBe("2025-01-01");
    expect(startOfLocalDay(utc(2024, 12, 31, 20), tz)).toBe(utc(2024, 12, 31, 16));
    expect(localDate(utc(2024, 2, 28, 16), tz)).toBe("2024-02-29");
  });

  it("reports local wall-clock parts", () => {
    expect(localParts(utc(2025, 3, 10, 1, 30, 15), tz)).toEqual({ year: 2025, month: 3, day: 10, hour: 9, minute: 30, second: 15 });
    // Local midnight reads as hour 0, not 24.
    expect(localParts(utc(2025, 3, 10, 16), tz).hour).toBe(0);
  });
});

describe("UTC", () => {
  const tz = "UTC";

  it("has offset 0 and starts days at 00:00Z", () => {
    expect(utcOffsetMs(utc(2025, 6, 1, 13), tz)).toBe(0);
    expect(startOfLocalDay(utc(2025, 6, 1, 13, 45, 12, 7), tz)).toBe(utc(2025, 6, 1));
    expect(startOfLocalDay(utc(2025, 6, 1), tz)).toBe(utc(2025, 6, 1));
    expect(startOfLocalDay(utc(2025, 6, 1) - 1, tz)).toBe(utc(2025, 5, 31));
    expect(localDate(utc(2025, 6, 1) - 1, tz)).toBe("2025-05-31");
  });

  it("works before 1970", () => {
    expect(startOfLocalDay(utc(1969, 7, 20, 20, 17), tz)).toBe(utc(1969, 7, 20));
    expect(localDate(utc(1969, 7, 20, 20, 17), tz)).toBe("1969-07-20");
  });
});

describe("Europe/Berlin across DST changes", () => {
  const tz = "Europe/Berlin";

  it("has +1 h in winter and +2 h in summer", () => {
    expect(utcOffsetMs(utc(2025, 1, 15, 12), tz)).toBe(1 * H);
    expect(utcOffsetMs(utc(2025, 7, 15, 12), tz)).toBe(2 * H);
  });

  // 2025-03-30: clocks jump from 02:00 CET to 03:00 CEST at 01:00Z; the day has 23 hours.
  it("switches offset at 01:00Z on the spring-forward day", () => {
    expect(utcOffsetMs(utc(2025, 3, 30, 0, 59, 59), tz)).toBe(1 * H);
    expect(utcOffsetMs(utc(2025, 3, 30, 1), tz)).toBe(2 * H);
  });

  it("starts the spring-forward day at 23:00Z the evening before (midnight CET)", () => {
    const dayStart = utc(2025, 3, 29, 23);
    for (const t of [utc(2025, 3, 29, 23), utc(2025, 3, 30, 0, 30), utc(2025, 3, 30, 1), utc(2025, 3, 30, 12), utc(2025, 3, 30, 21, 59, 59, 999)]) {
      expect(startOfLocalDay(t, tz)).toBe(dayStart);
      expect(localDate(t, tz)).toBe("2025-03-30");
    }
    // The next day starts at midnight CEST = 22:00Z: 23 hours later.
    expect(startOfLocalDay(utc(2025, 3, 30, 22), tz)).toBe(utc(2025, 3, 30, 22));
    expect(utc(2025, 3, 30, 22) - dayStart).toBe(23 * H);
    // The day before started at midnight CET = 23:00Z on 28 March.
    expect(startOfLocalDay(dayStart - 1, tz)).toBe(utc(2025, 3, 28, 23));
  });

  // 2025-10-26: clocks fall back from 03:00 CEST to 02:00 CET at 01:00Z; the day has 25 hours.
  it("switches offset at 01:00Z on the fall-back day", () => {
    expect(utcOffsetMs(utc(2025, 10, 26, 0, 59, 59), tz)).toBe(2 * H);
    expect(utcOffsetMs(utc(2025, 10, 26, 1), tz)).toBe(1 * H);
  });

  it("starts the fall-back day at 22:00Z the evening before (midnight CEST)", () => {
    const dayStart = utc(2025, 10, 25, 22);
    // 00:30Z and 01:30Z are both 02:30 local (CEST then CET): same day, same start.
    for (const t of [dayStart, utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 1, 30), utc(2025, 10, 26, 12), utc(2025, 10, 26, 22, 59, 59, 999)]) {
      expect(startOfLocalDay(t, tz)).toBe(dayStart);
      expect(localDate(t, tz)).toBe("2025-10-26");
    }
    // The next day starts at midnight CET = 23:00Z: 25 hours later.
    expect(startOfLocalDay(utc(2025, 10, 26, 23), tz)).toBe(utc(2025, 10, 26, 23));
    expect(utc(2025, 10, 26, 23) - dayStart).toBe(25 * H);
  });

  it("gives the days next to the changes their ordinary starts", () => {
    expect(startOfLocalDay(utc(2025, 3, 31, 10), tz)).toBe(utc(2025, 3, 30, 22));
    expect(startOfLocalDay(utc(2025, 10, 27, 10), tz)).toBe(utc(2025, 10, 26, 23));
  });
});

describe("America/Sao_Paulo (DST began at midnight in 2018)", () => {
  const tz = "America/Sao_Paulo";

  it("starts a day without a midnight at its first instant (01:00 local)", () => {
    // 2018-11-04 00:00 -03 did not exist; the day began at 01:00 -02 = 03:00Z.
    expect(startOfLocalDay(utc(2018, 11, 4, 15), tz)).toBe(utc(2018, 11, 4, 3));
    expect(localDate(utc(2018, 11, 4, 3), tz)).toBe("2018-11-04");
    expect(localDate(utc(2018, 11, 4, 3) - 1, tz)).toBe("2018-11-03");
  });
});

describe("startOfLocalDay invariants (property)", () => {
  const zones = ["Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];

  it("is the first instant of the local date of `ms`", () => {
    fc.assert(
      fc.property(fc.integer({ min: utc(2000, 1, 1), max: utc(2040, 1, 1) }), fc.constantFrom(...zones), (ms, tz) => {
        const start = startOfLocalDay(ms, tz);
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms - start).toBeLessThan(25 * H);
        expect(localDate(start, tz)).toBe(localDate(ms, tz));
        expect(localDate(start - 1, tz)).not.toBe(localDate(ms, tz));
        // In these zones every day has a midnight.
        const p = localParts(start, tz);
        expect([p.hour, p.minute, p.second]).toEqual([0, 0, 0]);
        // Idempotent.
        expect(startOfLocalDay(start, tz)).toBe(start);
      }),
      { numRuns: 300 },
    );
  });

  it("utcOffsetMs agrees with the local wall clock", () => {
    fc.assert(
      fc.property(fc.integer({ min: utc(2000, 1, 1), max: utc(2040, 1, 1) }), fc.constantFrom(...zones), (ms, tz) => {
        const off = utcOffsetMs(ms, tz);
        const p = localParts(ms, tz);
        const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
        expect(wall - Math.floor(ms / 1000) * 1000).toBe(off);
        expect(Math.abs(off) % (15 * 60_000)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("localParts (offset cached per 15 minutes) against Intl", () => {
  // Zones with DST, half- and quarter-hour offsets, a 30-minute DST shift (Lord Howe) and the date line.
  const ZONES = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Apia", "America/Santiago"];

  it("equals Intl at random instants from 1970 to 2100", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (zone, ms) => {
        expect(localParts(ms, zone)).toEqual(localPartsViaIntl(ms, zone));
      }),
      { numRuns: 20_000 },
    );
  });

  it("equals Intl every second around DST transitions", () => {
    const transitions: [string, number][] = [
      ["America/New_York", Date.UTC(2026, 2, 8, 7, 0, 0)], // 02:00 EST → 03:00 EDT
      ["America/New_York", Date.UTC(2026, 10, 1, 6, 0, 0)], // 02:00 EDT → 01:00 EST
      ["Europe/Berlin", Date.UTC(2026, 2, 29, 1, 0, 0)],
      ["Australia/Lord_Howe", Date.UTC(2026, 3, 4, 15, 0, 0)], // a 30-minute shift
      ["America/St_Johns", Date.UTC(2026, 2, 8, 5, 30, 0)],
    ];
    for (const [zone, at] of transitions)
      for (let ms = at - 20 * 60_000; ms <= at + 20 * 60_000; ms += 1000) expect(localParts(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toEqual(localPartsViaIntl(ms, zone));
  });
});
