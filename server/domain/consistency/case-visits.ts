// The visits held per case (最多跑一次), indexed for the visit rule: each case's tickets, and the cases
// whose visits fall on two dates or more — the only ones the rule needs to read (a case seen on one day
// passes any visit limit, at least one day). ConsistencyFacts holds each ticket's date and case; this
// index holds only ticket ids, and asks the ticket's date from the facts.

export class CaseVisits {
  /**
   * Each case's tickets: the id of its only one, or the list when there are several. Most cases come once,
   * and grouping two months of visits at every evaluation was ~55,000 on a busy hall, 50–90 ms of event
   * loop each time (issue #8, bench/consistency-steady.ts).
   */
  private readonly caseTickets = new Map<string, string | string[]>();
  /**
   * The cases whose held visits fall on two dates or more, kept as visits come and go: testing every case
   * with several tickets at each evaluation grew with the cases held — 7% of a cluster node's busy time at
   * 1,000 events/s, where every repeat falls on one day (issue #11's scale-out profile).
   */
  private readonly repeatCases = new Set<string>();

  /** `dateOf`: a held visit's hall-local date, by its ticket. */
  constructor(private readonly dateOf: (ticketId: string) => string | undefined) {}

  add(caseRef: string, ticketId: string): void {
    const ids = this.caseTickets.get(caseRef);
    if (ids === undefined) this.caseTickets.set(caseRef, ticketId);
    else if (typeof ids === "string") this.caseTickets.set(caseRef, [ids, ticketId]);
    else ids.push(ticketId);
    this.noteRepeat(caseRef);
  }

  remove(caseRef: string, ticketId: string): void {
    const ids = this.caseTickets.get(caseRef);
    if (ids === undefined || typeof ids === "string") this.caseTickets.delete(caseRef);
    else {
      const rest = ids.filter((id) => id !== ticketId);
      this.caseTickets.set(caseRef, rest.length === 1 ? (rest[0] as string) : rest);
    }
    this.noteRepeat(caseRef);
  }

  /** Calls `each` with every ticket of every case held on two dates or more. */
  forEachRepeat(each: (caseRef: string, ticketId: string) => void): void {
    for (const caseRef of this.repeatCases) for (const id of this.caseTickets.get(caseRef) as string[]) each(caseRef, id);
  }

  /** Whether the case is in `repeatCases` now that its visits changed. */
  private noteRepeat(caseRef: string): void {
    const ids = this.caseTickets.get(caseRef);
    if (ids !== undefined && typeof ids !== "string" && this.onTwoDates(ids)) this.repeatCases.add(caseRef);
    else this.repeatCases.delete(caseRef);
  }

  private onTwoDates(ticketIds: readonly string[]): boolean {
    let date: string | undefined;
    for (const id of ticketIds) {
      const d = this.dateOf(id);
      if (d === undefined) continue;
      if (date === undefined) date = d;
      else if (d !== date) return true;
    }
    return false;
  }
}
