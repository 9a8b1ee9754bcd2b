// Tests of the demo's sample item lists (simulator/sample-items): both import without errors through
// parseItemList, cover the demo hall's items, and carry exactly the planted inconsistencies of README.md.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServiceItem } from "../contract/index.js";
import { officialCalendarYears } from "../server/adapters/calendar/official-calendar.js";
import { parseItemList, type ParsedItemList } from "../server/adapters/items-import/parse-item-list.js";
import { WorkingCalendar } from "../server/domain/calendar/working-calendar.js";
import { compareItems } from "../server/domain/items/item-diff.js";
import { demoHall, demoItems } from "./demo-hall.js";
import { ID_CARD_RE, MOBILE_RE, textsIn } from "./test-support.js";

const OFFLINE_ONLY = "330399-GG-0804";
const NOT_SERVED = "330399-QR-0607";
const DAYS_DIFFER = "330399-QR-0402";
const EXTRA_MATERIAL = "330399-JF-0502";
const LATE = "330399-JF-0303";
const UNPUBLISHED = "330399-XK-0115";

const file = (name: string) => fs.readFileSync(new URL(`./sample-items/${name}`, import.meta.url));
const codes = (items: readonly ServiceItem[]) => items.map((i) => i.code);

let online: ParsedItemList;
let hall: ParsedItemList;
beforeAll(async () => {
  online = await parseItemList({ bytes: file("online-items.json"), format: "json" });
  hall = await parseItemList({ bytes: file("hall-items.csv"), format: "csv" });
});

const hallCodes = () => new Set(demoHall.categories.flatMap((c) => c.itemCodes));
const calendar = new WorkingCalendar(officialCalendarYears());

describe("sample item lists", () => {
  it("import without errors: at least 60 items each", () => {
    expect(online.errors).toEqual([]);
    expect(hall.errors).toEqual([]);
    expect(online.items.length).toBeGreaterThanOrEqual(60);
    expect(hall.items.length).toBeGreaterThanOrEqual(60);
    expect(online.encoding).toBe("utf-8");
    expect(hall.encoding).toBe("utf-8");
    expect(file("hall-items.csv").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("use the hall's Chinese headers (序号 is the only column left unmapped)", () => {
    expect(hall.headers).toEqual(["序号", "事项编码", "事项名称", "实施部门", "事项类型", "承诺时限", "法定时限", "最多跑动次数", "是否全程网办", "收费标准", "办理条件", "申请材料", "审批时间", "公开时间", "生效时间"]);
    expect(hall.unmapped).toEqual(["序号"]);
  });

  it("hold plausible items: the demo's names and departments, 2–6 materials, mostly free, visits 0–2", () => {
    const names = new Map(Object.values(demoItems).flatMap((items) => items.map((i) => [i.code, i.name] as const)));
    const departments = new Set(demoHall.windows.map((w) => w.department));
    for (const list of [online.items, hall.items]) {
      for (const item of list) {
        if (names.has(item.code)) expect(item.name, item.code).toBe(names.get(item.code));
        expect(departments.has(item.department), item.code).toBe(true);
        expect(item.materials.length, item.code).toBeGreaterThanOrEqual(2);
        expect(item.materials.length, item.code).toBeLessThanOrEqual(6);
        expect(item.maxVisits).toBeLessThanOrEqual(2);
        if (item.fullyOnline) expect(item.maxVisits, item.code).toBe(0);
        expect(item.conditions.length, item.code).toBeGreaterThan(0);
        expect(["行政许可", "行政确认", "行政给付", "行政征收", "公共服务", "其他行政权力"]).toContain(item.type);
      }
      expect(list.filter((i) => i.fees === "不收费").length / list.length).toBeGreaterThan(0.7);
      expect(list.some((i) => i.promisedDays === 0)).toBe(true);
      for (const v of [0, 1, 2]) expect(list.some((i) => i.maxVisits === v)).toBe(true);
    }
  });

  it("give each served item the department of a non-comprehensive window serving its category", () => {
    const byCode = new Map(online.items.map((i) => [i.code, i]));
    for (const category of demoHall.categories) {
      const owners = new Set(demoHall.windows.filter((w) => !w.comprehensive && w.categories.includes(category.id)).map((w) => w.department));
      for (const code of category.itemCodes) {
        const item = byCode.get(code);
        if (item) expect(owners.has(item.department), code).toBe(true);
      }
    }
  });

  it("contain no personal data", () => {
    for (const text of textsIn([online.items, hall.items])) {
      expect(ID_CARD_RE.test(text), text).toBe(false);
      expect(MOBILE_RE.test(text), text).toBe(false);
    }
  });
});

describe("planted inconsistencies (README.md)", () => {
  it("(a) one code served by the hall's categories is not in the online list", () => {
    const onlineCodes = new Set(codes(online.items));
    expect([...hallCodes()].filter((c) => !onlineCodes.has(c))).toEqual([OFFLINE_ONLY]);
    expect(codes(hall.items)).toContain(OFFLINE_ONLY);
  });

  it("the hall's list holds exactly the codes of the demo hall's categories", () => {
    expect(new Set(codes(hall.items))).toEqual(hallCodes());
  });

  it("(b) one online item of a hall department needing a visit is served by no category", () => {
    const served = hallCodes();
    const departments = new Set(demoHall.windows.map((w) => w.department));
    const notServed = online.items.filter((i) => !served.has(i.code));
    expect(codes(notServed)).toEqual([NOT_SERVED]);
    const item = notServed[0] as ServiceItem;
    expect(item.maxVisits).toBeGreaterThanOrEqual(1);
    expect(departments.has(item.department)).toBe(true);
    expect(codes(hall.items)).not.toContain(NOT_SERVED);
  });

  it("(c) the hall's guide differs from the online one in exactly two items: promised days, and one extra material", () => {
    const byCode = new Map(online.items.map((i) => [i.code, i]));
    const changes = hall.items.flatMap((h) => {
      const o = byCode.get(h.code);
      const c = o ? compareItems(o, h) : null;
      return c ? [c] : [];
    });
    expect(changes).toEqual([
      { code: DAYS_DIFFER, fields: { promisedDays: [3, 5] }, materialsAdded: [], materialsRemoved: [] },
      { code: EXTRA_MATERIAL, fields: {}, materialsAdded: [{ name: "婚姻关系证明", form: "copy", copies: 1, required: true }], materialsRemoved: [] },
    ]);
  });

  it("(d) one item was published 2 working days after approval (over the National Day holiday); all others within 1", () => {
    for (const list of [online.items, hall.items]) {
      const late = list.flatMap((i) => {
        if (!i.approvedAt || !i.publishedAt) return [];
        const gap = calendar.workingDaysBetween(i.approvedAt, i.publishedAt);
        expect(gap.provisional).toBe(false);
        return gap.count > 1 ? [[i.code, i.approvedAt, i.publishedAt, gap.count]] : [];
      });
      expect(late).toEqual([[LATE, "2026-09-30", "2026-10-09", 2]]);
    }
    // 10-01…10-07 are off, 10-08 is the first working day after the holiday.
    expect(calendar.addWorkingDays("2026-09-30", 1).date).toBe("2026-10-08");
  });

  it("(d) one item was approved recently and is not published yet", () => {
    for (const list of [online.items, hall.items]) {
      const unpublished = list.filter((i) => i.approvedAt && !i.publishedAt);
      expect(unpublished.map((i) => [i.code, i.approvedAt, i.publishedAt])).toEqual([[UNPUBLISHED, "2026-11-23", null]]);
    }
    expect(online.items.every((i) => i.approvedAt)).toBe(true);
  });
});
