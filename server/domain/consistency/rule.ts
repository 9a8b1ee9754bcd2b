// A consistency rule: an id, a severity, and a pure evaluation that returns findings without their
// first/last-seen times (the tracker adds those).
import type { Finding, RuleId, Severity } from "../../../contract/index.js";
import type { ConsistencyInputs, ConsistencySettings } from "./inputs.js";

export type RawFinding = Omit<Finding, "firstSeen" | "lastSeen" | "message">;

export interface Rule {
  id: RuleId;
  severity: Severity;
  /** Rules over lists run on imports and configuration changes; rules over events as events arrive. */
  over: "lists" | "events";
  evaluate(inputs: ConsistencyInputs, settings: ConsistencySettings): RawFinding[];
}

export function finding(rule: Rule, subject: string, body: Omit<RawFinding, "key" | "rule" | "severity">): RawFinding {
  return { key: `${rule.id}:${subject}`, rule: rule.id, severity: rule.severity, ...body };
}

/** Item codes each category serves, and the categories of each window. */
export function servedCodes(inputs: ConsistencyInputs): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  for (const c of inputs.hall.categories)
    for (const code of c.itemCodes) byCode.set(code, [...(byCode.get(code) ?? []), c.id]);
  return byCode;
}

export { normalizeMaterialName as normalizeName } from "../../../contract/index.js";
