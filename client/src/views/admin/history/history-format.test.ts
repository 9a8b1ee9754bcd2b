// Text of the history table: percent, minutes:seconds, ratings, names of keys, the sort with missing
// values last.
import { describe, expect, it } from "vitest";
import { i18n, setLocale } from "../../../i18n/index.js";
import { sampleHall } from "../testing/fake-api.js";
import { groupLabel, hallNames, hourSpan, mmss, pctText, ratingText, sortRows } from "./history-format.js";
import { hrow } from "./history-fake.js";

setLocale("zh-CN");
const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});
const names = hallNames(sampleHall());

describe("history format", () => {
  it("writes shares in percent with one decimal, seconds as minutes:seconds, ratings with one decimal", () => {
    expect(pctText(0.8125)).toBe("81.3%");
    expect(pctText(1)).toBe("100.0%");
    expect(pctText(0)).toBe("0.0%");
    expect(pctText(null)).toBe("—");
    expect(mmss(605)).toBe("10:05");
    expect(mmss(59.6)).toBe("1:00");
    expect(mmss(4500)).toBe("75:00");
    expect(mmss(0)).toBe("0:00");
    expect(mmss(null)).toBe("—");
    expect(ratingText(4.64)).toBe("4.6");
    expect(ratingText(5)).toBe("5.0");
    expect(ratingText(null)).toBe("—");
    expect(hourSpan(9)).toBe("09:00–10:00");
    expect(hourSpan(23)).toBe("23:00–24:00");
  });

  it("names keys: windows and categories by name, weekdays in Chinese, unknown ids marked", () => {
    expect(groupLabel(t, "window", "w2", names)).toBe("2号窗口");
    expect(groupLabel(t, "window", "w9", names)).toBe("w9（已不在配置中）");
    expect(groupLabel(t, "category", "estate", names)).toBe("不动产登记");
    expect(groupLabel(t, "department", "人社局", names)).toBe("人社局");
    expect(groupLabel(t, "hour", 14, names)).toBe("14:00–15:00");
    expect(groupLabel(t, "weekday", 1, names)).toBe("周一");
    expect(groupLabel(t, "weekday", 7, names)).toBe("周日");
    expect(groupLabel(t, "day", "2026-11-20", names)).toBe("2026-11-20");
  });

  it("sorts in the configured order by default, by a column on request, missing values always last", () => {
    const rows = [hrow("w3", { served: 9, waitP90Seconds: null }), hrow("w1", { served: 30, waitP90Seconds: 900 }), hrow("w2", { served: 12, waitP90Seconds: 1200 })];
    expect(sortRows(rows, null, "window", names).map((r) => r.key)).toEqual(["w1", "w2", "w3"]);
    expect(sortRows(rows, { key: "key", dir: "desc" }, "window", names).map((r) => r.key)).toEqual(["w3", "w2", "w1"]);
    expect(sortRows(rows, { key: "served", dir: "desc" }, "window", names).map((r) => r.key)).toEqual(["w1", "w2", "w3"]);
    expect(sortRows(rows, { key: "served", dir: "asc" }, "window", names).map((r) => r.key)).toEqual(["w3", "w2", "w1"]);
    expect(sortRows(rows, { key: "waitP90Seconds", dir: "desc" }, "window", names).map((r) => r.key)).toEqual(["w2", "w1", "w3"]);
    expect(sortRows(rows, { key: "waitP90Seconds", dir: "asc" }, "window", names).map((r) => r.key)).toEqual(["w1", "w2", "w3"]);
    expect(sortRows([hrow(10), hrow(9), hrow(14)], null, "hour", names).map((r) => r.key)).toEqual([9, 10, 14]);
  });
});
