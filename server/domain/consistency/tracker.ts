// Keeps findings' first and last sightings across evaluations: a finding seen again keeps its firstSeen;
// one no longer produced by a rule that was evaluated is closed.
import { isDeepStrictEqual } from "node:util";
import type { Finding, RuleId } from "../../../contract/index.js";
import type { RawFinding } from "./rule.js";

export interface TrackerChange {
  open: Finding[];
  opened: Finding[];
  closed: Finding[];
  /** Something a reader sees moved: a finding opened or closed, or a kept one's messages or evidence changed. */
  changed: boolean;
}

/** The same JSON: compared in place first (no text built for the usual unchanged finding), as text only when they differ. */
const sameJson = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b) || JSON.stringify(a) === JSON.stringify(b);

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
    let moved = false;
    for (const r of raw) {
      seen.add(r.key);
      const prev = this.open.get(r.key);
      const next: Finding = { ...r, message: r.messages["zh-CN"], firstSeen: prev?.firstSeen ?? at, lastSeen: at };
      this.open.set(r.key, next);
      if (!prev) opened.push(next);
      else if (!moved && !(sameJson(prev.messages, r.messages) && sameJson(prev.evidence, r.evidence))) moved = true;
    }
    const closed: Finding[] = [];
    for (const [key, f] of this.open)
      if (scope.has(f.rule) && !seen.has(key)) {
        closed.push(f);
        this.open.delete(key);
      }
    return { open: this.all(), opened, closed, changed: moved || opened.length > 0 || closed.length > 0 };
  }
}
