// Keeps findings' first and last sightings across evaluations: a finding seen again keeps its firstSeen;
// one no longer produced by a rule that was evaluated is closed.
import type { Finding, RuleId } from "../../../contract/index.js";
import type { RawFinding } from "./rule.js";

export interface TrackerChange {
  open: Finding[];
  opened: Finding[];
  closed: Finding[];
}

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
    for (const r of raw) {
      seen.add(r.key);
      const prev = this.open.get(r.key);
      const next: Finding = { ...r, message: r.messages["zh-CN"], firstSeen: prev?.firstSeen ?? at, lastSeen: at };
      this.open.set(r.key, next);
      if (!prev) opened.push(next);
    }
    const closed: Finding[] = [];
    for (const [key, f] of this.open)
      if (scope.has(f.rule) && !seen.has(key)) {
        closed.push(f);
        this.open.delete(key);
      }
    return { open: this.all(), opened, closed };
  }
}
