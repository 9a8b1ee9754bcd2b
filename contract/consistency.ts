// Online↔hall consistency findings (docs/consistency.md): what GET /api/halls/:hallId/consistency
// returns and what /display pushes for the wall's panel.

export const RULE_IDS = [
  "offline-only",
  "not-served",
  "department-mismatch",
  "guide-differs",
  "visit-limit",
  "extra-materials",
  "late-publication",
  "unclear-guide",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ["high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** Stable identity of the finding (rule + subject), so it can be tracked from first to last seen. */
  key: string;
  rule: RuleId;
  severity: Severity;
  itemCode?: string;
  windowId?: string;
  categoryId?: string;
  /** zh-CN text (the hall's language); `messages` has both languages. */
  message: string;
  messages: { "zh-CN": string; en: string };
  /** What the finding rests on: ticket numbers, versions, rows, fields, dates. */
  evidence: Record<string, unknown>;
  /** True when it depends on a calendar year without official holiday data. */
  provisional?: boolean;
  firstSeen: string;
  lastSeen: string;
}

export interface Advice {
  kind: "promote-online";
  itemCode: string;
  message: string;
  messages: { "zh-CN": string; en: string };
  evidence: Record<string, unknown>;
}

export interface ConsistencyReport {
  findings: Finding[];
  advice: Advice[];
}
