// Consistency findings for open data: per hall-local day and rule, how many findings were open on that
// day — from the day first seen to the day closed, both included (the admin page's history chart counts
// the same way). Findings concern service items and guides, never people, so they are not suppressed.
import { localDate, RULE_IDS } from "../../../contract/index.js";
import type { OpenDataFindings } from "../../../contract/public.js";

export interface FindingSpan {
  rule: string;
  firstSeen: string;
  closedAt: string | null;
}

export function openFindingsPerDay(rows: readonly FindingSpan[], dates: readonly string[], timeZone: string): OpenDataFindings[] {
  const spans = rows.map((r) => ({ rule: r.rule, first: localDate(Date.parse(r.firstSeen), timeZone), last: r.closedAt ? localDate(Date.parse(r.closedAt), timeZone) : null }));
  const out: OpenDataFindings[] = [];
  for (const date of dates)
    for (const rule of RULE_IDS) out.push({ date, rule, open: spans.filter((s) => s.rule === rule && s.first <= date && (s.last === null || s.last >= date)).length });
  return out;
}
