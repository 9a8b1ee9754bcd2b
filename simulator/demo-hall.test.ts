// Unit tests of the demo hall: a valid configuration, plausible departments and the planted imbalance.
import { describe, expect, it } from "vitest";
import { hallConfigSchema } from "../contract/index.js";
import { DEMO_COLD_CATEGORY, DEMO_HALL_ID, DEMO_HOT_CATEGORY, demoHall, demoItems, demoSimParams } from "./demo-hall.js";
import { ID_CARD_RE, MOBILE_RE, textsIn } from "./test-support.js";

describe("demo hall", () => {
  it("is a valid hall configuration", () => {
    const parsed = hallConfigSchema.safeParse(demoHall);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(DEMO_HALL_ID).toBe("demo-county");
    expect(demoHall.timezone).toBe("Asia/Shanghai");
    expect(demoHall.targets).toEqual({ waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35 });
  });

  it("has 10–12 categories and 18–24 windows of the county departments", () => {
    expect(demoHall.categories.length).toBeGreaterThanOrEqual(10);
    expect(demoHall.categories.length).toBeLessThanOrEqual(12);
    expect(demoHall.windows.length).toBeGreaterThanOrEqual(18);
    expect(demoHall.windows.length).toBeLessThanOrEqual(24);
    const departments = new Set(demoHall.windows.map((w) => w.department));
    for (const d of ["行政审批服务局", "市场监督管理局", "人力资源和社会保障局", "医疗保障局", "自然资源局", "住房公积金管理中心", "公安局", "税务局", "民政局", "卫生健康局"]) {
      expect(departments.has(d), d).toBe(true);
    }
    demoHall.windows.forEach((w, i) => expect(w.name).toBe(`${i + 1}号窗口`));
  });

  it("has two comprehensive windows serving several categories; the others serve 1–2 of their department", () => {
    const comprehensive = demoHall.windows.filter((w) => w.comprehensive);
    expect(comprehensive).toHaveLength(2);
    for (const w of comprehensive) {
      expect(w.department).toBe("行政审批服务局");
      expect(w.categories.length).toBeGreaterThan(2);
    }
    for (const w of demoHall.windows.filter((x) => !x.comprehensive)) {
      expect(w.categories.length).toBeGreaterThanOrEqual(1);
      expect(w.categories.length).toBeLessThanOrEqual(2);
    }
    // Every category is served somewhere.
    const served = new Set(demoHall.windows.flatMap((w) => w.categories));
    for (const c of demoHall.categories) expect(served.has(c.id), c.id).toBe(true);
  });

  it("gives every category 4–8 unique item codes", () => {
    const all = demoHall.categories.flatMap((c) => c.itemCodes);
    expect(new Set(all).size).toBe(all.length);
    for (const c of demoHall.categories) {
      expect(c.itemCodes.length).toBeGreaterThanOrEqual(4);
      expect(c.itemCodes.length).toBeLessThanOrEqual(8);
      for (const code of c.itemCodes) expect(code).toMatch(/^\d{6}-[A-Z]{2}-\d{4}$/);
      expect(demoItems[c.id]?.map((i) => i.code)).toEqual(c.itemCodes);
    }
  });

  it("has simulation parameters for every category and department, with unique prefixes", () => {
    const prefixes = new Set<string>();
    for (const c of demoHall.categories) {
      const p = demoSimParams.categories[c.id];
      expect(p, c.id).toBeDefined();
      if (!p) continue;
      expect(p.prefix).toMatch(/^[A-Z]$/);
      prefixes.add(p.prefix);
      expect(p.materials.length).toBeGreaterThan(0);
      expect(p.acceptedShare + p.rejectedShare + p.needsMaterialsShare).toBeLessThan(1);
      for (const t of p.transferTo) expect(demoHall.categories.some((x) => x.id === t)).toBe(true);
    }
    expect(prefixes.size).toBe(demoHall.categories.length);
    for (const w of demoHall.windows) expect(demoSimParams.departments[w.department]).toBeDefined();
  });

  it("plants the imbalance: 不动产登记 demand exceeds its windows, 卫生健康局 is nearly idle", () => {
    const totalWeight = Object.values(demoSimParams.categories).reduce((s, p) => s + p.demandWeight, 0);
    const workSeconds = (id: string) => {
      const p = demoSimParams.categories[id];
      if (!p) throw new Error(id);
      return demoSimParams.dailyTickets * (p.demandWeight / totalWeight) * p.meanHandleSeconds;
    };
    const capacitySeconds = (id: string) => demoHall.windows.filter((w) => w.categories.includes(id)).length * 7.5 * 3600;
    expect(demoHall.categories.find((c) => c.id === DEMO_HOT_CATEGORY)?.name).toBe("不动产登记");
    expect(workSeconds(DEMO_HOT_CATEGORY) / capacitySeconds(DEMO_HOT_CATEGORY)).toBeGreaterThan(1.1);
    expect(workSeconds(DEMO_COLD_CATEGORY) / capacitySeconds(DEMO_COLD_CATEGORY)).toBeLessThan(0.2);
  });

  it("contains no personal data", () => {
    for (const s of textsIn([demoHall, demoSimParams, demoItems])) {
      expect(MOBILE_RE.test(s), s).toBe(false);
      expect(ID_CARD_RE.test(s), s).toBe(false);
    }
  });
});
