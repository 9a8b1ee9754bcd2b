// Runs every consistency rule (or only those over lists or over events) and the "promote online" advice.
import type { Advice } from "../../../contract/index.js";
import { DEFAULT_SETTINGS, type ConsistencyInputs } from "./inputs.js";
import type { RawFinding, Rule } from "./rule.js";
import { extraMaterials, unclearGuide, visitLimit } from "./rules/event-rules.js";
import { latePublication } from "./rules/late-publication.js";
import { departmentMismatch, guideDiffers, notServed, offlineOnly } from "./rules/list-rules.js";

export const RULES: readonly Rule[] = [offlineOnly, notServed, departmentMismatch, guideDiffers, visitLimit, extraMaterials, latePublication, unclearGuide];

export function evaluateRules(inputs: ConsistencyInputs, over?: Rule["over"]): RawFinding[] {
  const settings = { ...DEFAULT_SETTINGS, ...inputs.settings };
  return RULES.filter((r) => over === undefined || r.over === over).flatMap((r) => r.evaluate(inputs, settings));
}

/** Items that can be done fully online yet are among the hall's most served (推动更多事项网上办理). */
export function promoteOnlineAdvice(inputs: ConsistencyInputs): Advice[] {
  const settings = { ...DEFAULT_SETTINGS, ...inputs.settings };
  const items = new Map((inputs.online?.items ?? []).map((i) => [i.code, i]));
  return [...inputs.outcomes]
    .sort((a, b) => b.completions - a.completions || (a.itemCode < b.itemCode ? -1 : 1))
    .slice(0, settings.adviceTopItems)
    .filter((o) => o.completions > 0 && items.get(o.itemCode)?.fullyOnline === true)
    .map((o) => {
      const name = items.get(o.itemCode)?.name ?? o.itemCode;
      return {
        kind: "promote-online" as const,
        itemCode: o.itemCode,
        message: `「${name}」可全程网办，但近 30 天在大厅办理 ${o.completions} 件，建议引导网上办理`,
        messages: {
          "zh-CN": `「${name}」可全程网办，但近 30 天在大厅办理 ${o.completions} 件，建议引导网上办理`,
          en: `"${name}" can be done fully online yet was served ${o.completions} times in the hall in 30 days: promote the online service`,
        },
        evidence: { completions: o.completions },
      };
    });
}
