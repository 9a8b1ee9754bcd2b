// Rules over what happens on the floor: more visits than the item promises (最多跑一次), materials asked
// for that the online guide does not list (办事指南之外不得增加要求), and guides that often end in
// needs_materials (probably incomplete or unclear).
import type { ServiceItem } from "../../../../contract/index.js";
import type { ConsistencyInputs, Visit } from "../inputs.js";
import { finding, normalizeName, type RawFinding, type Rule } from "../rule.js";

const onlineItems = (inputs: ConsistencyInputs) => new Map((inputs.online?.items ?? []).map((i) => [i.code, i]));

function visitFinding(item: ServiceItem, caseRef: string, visits: Visit[], limit: number, windowEnd: string, provisional: boolean): RawFinding {
  const days = [...new Set(visits.map((v) => v.date))];
  return finding(visitLimit, `${caseRef}:${item.code}`, {
    itemCode: item.code,
    messages: {
      "zh-CN": `事项「${item.name}」(${item.code}) 承诺最多跑 ${item.maxVisits} 次，同一办件到大厅 ${days.length} 天（票号 ${visits.map((v) => v.ticketNo).join("、")}）`,
      en: `"${item.name}" (${item.code}) promises at most ${item.maxVisits} visit(s); one case came on ${days.length} days (tickets ${visits.map((v) => v.ticketNo).join(", ")})`,
    },
    evidence: { caseRef, days, tickets: visits.map((v) => ({ ticketId: v.ticketId, ticketNo: v.ticketNo, date: v.date })), limit, until: windowEnd },
    ...(provisional ? { provisional: true } : {}),
  });
}

export const visitLimit: Rule = {
  id: "visit-limit",
  severity: "high",
  over: "events",
  evaluate(inputs, settings) {
    const items = onlineItems(inputs);
    const byCase = new Map<string, Visit[]>();
    for (const v of inputs.visits) {
      if (!items.has(v.itemCode)) continue;
      const key = `${v.caseRef}\u0000${v.itemCode}`;
      const list = byCase.get(key);
      if (list) list.push(v);
      else byCase.set(key, [v]);
    }
    const out: RawFinding[] = [];
    for (const visits of byCase.values()) {
      const first = visits[0] as Visit;
      const item = items.get(first.itemCode) as ServiceItem;
      // A zero-visit item allows one day: the first visit is the citizen's choice.
      const limit = Math.max(1, item.maxVisits);
      // No period can hold more days than the case has at all (most cases: one day).
      if (new Set(visits.map((v) => v.date)).size <= limit) continue;
      visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.ticketId < b.ticketId ? -1 : 1));
      // Judge each period that starts at a visit: the promised limit plus a grace, in working days.
      for (const start of visits) {
        const end = inputs.calendar.addWorkingDays(start.date, item.promisedDays + settings.visitGraceWorkingDays);
        const inWindow = visits.filter((v) => v.date >= start.date && v.date <= end.date);
        if (new Set(inWindow.map((v) => v.date)).size > limit) {
          out.push(visitFinding(item, start.caseRef, inWindow, limit, end.date, end.provisional));
          break;
        }
      }
    }
    return out;
  },
};

export const extraMaterials: Rule = {
  id: "extra-materials",
  severity: "high",
  over: "events",
  evaluate(inputs) {
    const items = onlineItems(inputs);
    const out: RawFinding[] = [];
    for (const r of inputs.materialRequests) {
      const item = items.get(r.itemCode);
      if (!item) continue;
      const listed = new Set(item.materials.map((m) => normalizeName(m.name)));
      const extra = r.materials.filter((m) => !listed.has(normalizeName(m)));
      if (extra.length === 0) continue;
      out.push(
        finding(extraMaterials, `${r.ticketId}:${r.windowId}`, {
          itemCode: r.itemCode,
          windowId: r.windowId,
          messages: {
            "zh-CN": `票号 ${r.ticketNo} 办理「${item.name}」时要求了办事指南之外的材料：${extra.join("、")}`,
            en: `Ticket ${r.ticketNo} (${item.name}) was asked for materials not in the guide: ${extra.join(", ")}`,
          },
          evidence: { ticketId: r.ticketId, ticketNo: r.ticketNo, ts: r.ts, requested: [...r.materials], notInGuide: extra },
        }),
      );
    }
    return out;
  },
};

export const unclearGuide: Rule = {
  id: "unclear-guide",
  severity: "low",
  over: "events",
  evaluate(inputs, settings) {
    const items = onlineItems(inputs);
    return inputs.outcomes
      .filter((o) => o.completions >= settings.unclearMinCompletions && o.needsMaterials / o.completions > settings.unclearShare)
      .map((o) => {
        const name = items.get(o.itemCode)?.name ?? o.itemCode;
        const share = Math.round((o.needsMaterials / o.completions) * 100);
        return finding(unclearGuide, o.itemCode, {
          itemCode: o.itemCode,
          messages: {
            "zh-CN": `事项「${name}」近 30 天 ${share}% 的办件需补正材料（${o.needsMaterials}/${o.completions}），办事指南可能不完整或不清楚`,
            en: `${share}% of "${name}" completions in 30 days needed more materials (${o.needsMaterials}/${o.completions}): the guide is probably incomplete or unclear`,
          },
          evidence: { completions: o.completions, needsMaterials: o.needsMaterials, share: o.needsMaterials / o.completions },
        });
      });
  },
};
