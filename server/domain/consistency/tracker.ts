// Keeps findings' first and last sightings across evaluations: a finding seen again keeps its firstSeen;
// one no longer produced by a rule that was evaluated is closed.
import type { Finding, RuleId } from "../../../contract/index.js";
import { jsonEqual } from "../json-equal.js";
import type { RawFinding } from "./rule.js";

export interface TrackerChange {
  open: Finding[];
  opened: Finding[];
  /** Findings that stay open with another content (anything but their sightings: messages, evidence, severity …). */
  updated: Finding[];
  closed: Finding[];
  /** Something a reader sees moved: a finding opened, updated or closed. */
  changed: boolean;
}

/** Whether a raw finding says what the open one says (every field of RawFinding; `message` follows `messages`). */
const sameContent = (prev: Finding, r: RawFinding): boolean =>
  prev.rule === r.rule &&
  prev.severity === r.severity &&
  prev.itemCode === r.itemCode &&
  prev.windowId === r.windowId &&
  prev.categoryId === r.categoryId &&
  prev.provisional === r.provisional &&
  jsonEqual(prev.messages, r.messages) &&
  jsonEqual(prev.evidence, r.evidence);

export class FindingTracker {
  private readonly open = new Map<string, Finding>();

  constructor(initial: readonly Finding[] = []) {
    for (const f of initial) this.open.set(f.key, f);
  }

  all(): Finding[] {
    return [...this.open.values()];
  }

  /** Applies one evaluation of the rules in `evaluated`; findings of other rules are left as they are. */
  apply(raw: readonly RawFinding[], evaluated: readonly RuleId[], at: string): TrackerChange {
    const scope = new Set(evaluated);
    const seen = new Set<string>();
    const opened: Finding[] = [];
    const updated: Finding[] = [];
    for (const r of raw) {
      seen.add(r.key);
      const prev = this.open.get(r.key);
      const next: Finding = { ...r, message: r.messages["zh-CN"], firstSeen: prev?.firstSeen ?? at, lastSeen: at };
      this.open.set(r.key, next);
      if (!prev) opened.push(next);
      else if (!sameContent(prev, r)) updated.push(next);
    }
    const closed: Finding[] = [];
    for (const [key, f] of this.open)
      if (scope.has(f.rule) && !seen.has(key)) {
        closed.push(f);
        this.open.delete(key);
      }
    return { open: this.all(), opened, updated, closed, changed: opened.length > 0 || updated.length > 0 || closed.length > 0 };
  }
}
