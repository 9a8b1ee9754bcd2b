// 完成审批程序后1个工作日内公开: a changed item published more than 1 working day after its approval, or
// still unpublished more than 1 working day after it, on the official calendar (provisional beyond it).
import type { ServiceItem } from "../../../../contract/index.js";
import { finding, type RawFinding, type Rule } from "../rule.js";
import type { ConsistencyInputs } from "../inputs.js";

const day = (s: string | null | undefined) => (s ? s.slice(0, 10) : null);
const LIST_NAME = { online: { zh: "线上清单", en: "online list" }, hall: { zh: "大厅指南", en: "hall list" } } as const;

function judge(inputs: ConsistencyInputs, item: ServiceItem, source: "online" | "hall", version: number): RawFinding | null {
  const approved = day(item.approvedAt);
  if (!approved) return null;
  const published = day(item.publishedAt);
  const deadline = inputs.calendar.addWorkingDays(approved, 1);
  if (published) {
    const lag = inputs.calendar.workingDaysBetween(approved, published);
    if (lag.count <= 1) return null;
    return finding(latePublication, `${source}:${item.code}`, {
      itemCode: item.code,
      messages: {
        "zh-CN": `${LIST_NAME[source].zh}：事项「${item.name}」(${item.code}) 于 ${approved} 审批，${published} 才公开，晚于 1 个工作日（${lag.count} 个工作日）`,
        en: `${LIST_NAME[source].en}: "${item.name}" (${item.code}) was approved on ${approved} and published on ${published}: ${lag.count} working days, more than 1`,
      },
      evidence: { source, version, approvedAt: approved, publishedAt: published, workingDays: lag.count, deadline: deadline.date },
      ...(lag.provisional || deadline.provisional ? { provisional: true } : {}),
    });
  }
  // Unpublished: late once publishing today would be late (more than 1 working day since approval).
  const elapsed = inputs.calendar.workingDaysBetween(approved, inputs.today);
  if (elapsed.count <= 1) return null;
  return finding(latePublication, `${source}:${item.code}`, {
    itemCode: item.code,
    messages: {
      "zh-CN": `${LIST_NAME[source].zh}：事项「${item.name}」(${item.code}) 于 ${approved} 审批，至今未公开（应于 ${deadline.date} 前公开）`,
      en: `${LIST_NAME[source].en}: "${item.name}" (${item.code}) was approved on ${approved} and is still unpublished (due by ${deadline.date})`,
    },
    evidence: { source, version, approvedAt: approved, publishedAt: null, workingDays: elapsed.count, deadline: deadline.date },
    ...(elapsed.provisional || deadline.provisional ? { provisional: true } : {}),
  });
}

export const latePublication: Rule = {
  id: "late-publication",
  severity: "medium",
  over: "lists",
  evaluate(inputs) {
    const out: RawFinding[] = [];
    for (const [source, list] of [["online", inputs.online], ["hall", inputs.hallList]] as const) {
      if (!list) continue;
      for (const item of list.items) {
        const f = judge(inputs, item, source, list.version);
        if (f) out.push(f);
      }
    }
    return out;
  },
};
