// Impossible sequences, judged on event time in the canonically sorted fact store — never on arrival
// order — so a start that arrives after its completion (but is stamped before it) is no issue, and the
// same set of events gives the same list in any order. Each sequence is one issue, keyed by one event:
// a completion without start by the completion (a repeated completion is a repeat, not a new issue, as
// serviceEpisodes pairs them); a call before issue once per ticket (its first call); a service on a
// closed window once per service episode (by its start, or its lone completion).
import type { HallFacts } from "../hall-facts.js";
import type { ServiceFact, WindowTransition } from "../facts.js";
import { serviceEpisodes } from "../service-episodes.js";
import { compareStamps, type Stamp } from "../stamp.js";
import type { IssueKind } from "./quality-types.js";

export interface SequenceFinding {
  kind: IssueKind;
  eventId: string;
  relatedEventId?: string;
}

export function impossibleSequences(facts: HallFacts): SequenceFinding[] {
  const out: SequenceFinding[] = [];
  for (const w of facts.windows.values()) {
    for (const list of w.services.values()) {
      for (const ep of serviceEpisodes(list)) {
        const first = firstFactOf(list, ep.start, ep.endEventId);
        if (ep.start === null && ep.endEventId !== null) out.push({ kind: "completed_without_start", eventId: ep.endEventId });
        if (first && closedBefore(w.transitions, first)) out.push({ kind: "service_on_closed_window", eventId: first.eventId });
      }
    }
  }
  for (const t of facts.tickets.values()) {
    const issue = t.issues[0];
    const call = t.calls[0];
    if (issue && call && compareStamps(call, issue) < 0) out.push({ kind: "call_before_issue", eventId: call.eventId, relatedEventId: issue.eventId });
  }
  return out;
}

/** The fact that began an episode: its first start (starts at one ms belong to one episode), else its completion. */
function firstFactOf(list: readonly ServiceFact[], start: number | null, endEventId: string | null): ServiceFact | undefined {
  if (start !== null) return list.find((f) => f.kind === "started" && f.ts === start);
  return list.find((f) => f.eventId === endEventId);
}

/** Closed just before `s` in stamp order (a window that never reported a transition is closed). */
function closedBefore(transitions: readonly WindowTransition[], s: Stamp): boolean {
  let last: WindowTransition | undefined;
  for (const tr of transitions) {
    if (compareStamps(tr, s) >= 0) break;
    last = tr;
  }
  return last === undefined || last.kind === "closed";
}
