// Rules over the lists and the configuration: offline-only items, online items nobody serves, windows
// serving another department's items, and hall guides that differ from the online guide.
import type { Material, ServiceItem } from "../../../../contract/index.js";
import { finding, servedCodes, type Rule } from "../rule.js";

export const offlineOnly: Rule = {
  id: "offline-only",
  severity: "high",
  over: "lists",
  evaluate(inputs) {
    if (!inputs.online) return [];
    const online = new Set(inputs.online.items.map((i) => i.code));
    return [...servedCodes(inputs)]
      .filter(([code]) => !online.has(code))
      .map(([code, categories]) =>
        finding(offlineOnly, code, {
          itemCode: code,
          categoryId: categories[0] as string,
          messages: {
            "zh-CN": `大厅受理的事项 ${code} 不在线上事项清单中`,
            en: `Item ${code} is served in the hall but is not in the online list`,
          },
          evidence: { categories, onlineVersion: inputs.online?.version },
        }),
      );
  },
};

export const notServed: Rule = {
  id: "not-served",
  severity: "medium",
  over: "lists",
  evaluate(inputs) {
    if (!inputs.online) return [];
    const departments = new Set(inputs.hall.windows.map((w) => w.department.trim()));
    // Covered only through a category some window serves.
    const windowCategories = new Set(inputs.hall.windows.flatMap((w) => w.categories));
    const served = new Set(inputs.hall.categories.filter((c) => windowCategories.has(c.id)).flatMap((c) => c.itemCodes));
    return inputs.online.items
      .filter((i) => i.maxVisits >= 1 && departments.has(i.department.trim()) && !served.has(i.code))
      .map((i) =>
        finding(notServed, i.code, {
          itemCode: i.code,
          messages: {
            "zh-CN": `线上事项「${i.name}」(${i.code}) 需到现场办理，但大厅没有窗口受理`,
            en: `Online item "${i.name}" (${i.code}) needs an on-site visit but no window serves it`,
          },
          evidence: { department: i.department, maxVisits: i.maxVisits, onlineVersion: inputs.online?.version },
        }),
      );
  },
};

export const departmentMismatch: Rule = {
  id: "department-mismatch",
  severity: "medium",
  over: "lists",
  evaluate(inputs) {
    if (!inputs.online) return [];
    const online = new Map(inputs.online.items.map((i) => [i.code, i]));
    const categories = new Map(inputs.hall.categories.map((c) => [c.id, c]));
    const out = [];
    for (const w of inputs.hall.windows) {
      if (w.comprehensive) continue;
      const reported = new Set<string>();
      for (const cid of w.categories)
        for (const code of categories.get(cid)?.itemCodes ?? []) {
          const item = online.get(code);
          if (!item || item.department.trim() === w.department.trim() || reported.has(code)) continue;
          reported.add(code);
          out.push(
            finding(departmentMismatch, `${w.id}:${code}`, {
              itemCode: code,
              windowId: w.id,
              categoryId: cid,
              messages: {
                "zh-CN": `${w.name}（${w.department}）受理了${item.department}的事项「${item.name}」，且不是综合窗口`,
                en: `${w.name} (${w.department}) serves "${item.name}" of ${item.department} without being a comprehensive window`,
              },
              evidence: { windowDepartment: w.department, itemDepartment: item.department },
            }),
          );
        }
    }
    return out;
  },
};

const materialKey = (m: Material) => `${m.name}|${m.form}|${m.copies}|${m.required}`;
const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  promisedDays: { zh: "承诺时限", en: "promised time limit" },
  maxVisits: { zh: "最多跑动次数", en: "maximum visits" },
  fees: { zh: "收费标准", en: "fees" },
  materials: { zh: "申请材料", en: "materials" },
};

/** The guide fields that must agree between the hall list and the online list. */
export function differingGuideFields(hall: ServiceItem, online: ServiceItem): string[] {
  const fields: string[] = [];
  if (hall.promisedDays !== online.promisedDays) fields.push("promisedDays");
  if (hall.maxVisits !== online.maxVisits) fields.push("maxVisits");
  if (hall.fees.trim() !== online.fees.trim()) fields.push("fees");
  const a = new Set(hall.materials.map(materialKey));
  const b = new Set(online.materials.map(materialKey));
  if (a.size !== b.size || [...a].some((k) => !b.has(k))) fields.push("materials");
  return fields;
}

export const guideDiffers: Rule = {
  id: "guide-differs",
  severity: "high",
  over: "lists",
  evaluate(inputs) {
    if (!inputs.online || !inputs.hallList) return [];
    const online = new Map(inputs.online.items.map((i) => [i.code, i]));
    const out = [];
    for (const h of inputs.hallList.items) {
      const o = online.get(h.code);
      if (!o) continue;
      const fields = differingGuideFields(h, o);
      if (fields.length === 0) continue;
      const onlyInHall = h.materials.filter((m) => !o.materials.some((x) => materialKey(x) === materialKey(m))).map((m) => m.name);
      const onlyOnline = o.materials.filter((m) => !h.materials.some((x) => materialKey(x) === materialKey(m))).map((m) => m.name);
      out.push(
        finding(guideDiffers, h.code, {
          itemCode: h.code,
          messages: {
            "zh-CN": `事项「${o.name}」(${h.code}) 大厅办事指南与线上不一致：${fields.map((f) => FIELD_LABELS[f]?.zh ?? f).join("、")}`,
            en: `The hall guide of "${o.name}" (${h.code}) differs from the online guide in ${fields.map((f) => FIELD_LABELS[f]?.en ?? f).join(", ")}`,
          },
          evidence: {
            fields,
            hall: { promisedDays: h.promisedDays, maxVisits: h.maxVisits, fees: h.fees, materialsOnlyInHall: onlyInHall },
            online: { promisedDays: o.promisedDays, maxVisits: o.maxVisits, fees: o.fees, materialsOnlyOnline: onlyOnline },
            hallVersion: inputs.hallList?.version,
            onlineVersion: inputs.online?.version,
          },
        }),
      );
    }
    return out;
  },
};
