// Keeps the in-memory copies of a cluster's nodes equal (issue #11). Events travel through the log
// follower; this carries the rest: a change made on one node is announced, the others reload that part
// from the database — the database stays the only source, the notice only says what to re-read. After a
// gap in notices (the connection dropped), everything is reloaded.
import type { CalendarHolder } from "./calendar-holder.js";
import type { ConsistencyService } from "./consistency-service.js";
import type { HallDirectory } from "./hall-directory.js";
import type { TokenService } from "./token-service.js";
import type { FollowUpService } from "./follow-up-service.js";
import type { CalendarYearData } from "../domain/calendar/working-calendar.js";

export type ClusterNotice =
  | { kind: "hall"; hallId: string }
  | { kind: "tokens" }
  | { kind: "items"; hallId: string }
  | { kind: "calendar" }
  | { kind: "followups"; hallId: string };

export interface ClusterNotices {
  start(onNotice: (notice: ClusterNotice) => void, onResync: () => void): Promise<void>;
  announce(notice: ClusterNotice): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterSyncDeps {
  notices: ClusterNotices;
  directory: HallDirectory;
  tokens: TokenService;
  consistency: Pick<ConsistencyService, "reevaluate">;
  followUps: Pick<FollowUpService, "refreshOverdue">;
  calendar: CalendarHolder;
  calendarYears(): Promise<CalendarYearData[]>;
  onError(message: string): void;
}

export class ClusterSync {
  constructor(private readonly deps: ClusterSyncDeps) {}

  async start(): Promise<void> {
    const { directory, tokens } = this.deps;
    directory.onChange((hallId, _config, origin) => {
      if (origin === "local") this.announce({ kind: "hall", hallId });
    });
    tokens.onChange((origin) => {
      if (origin === "local") this.announce({ kind: "tokens" });
    });
    await this.deps.notices.start(
      (notice) => void this.apply(notice).catch((err: Error) => this.deps.onError(`cluster notice ${notice.kind} not applied: ${err.message}`)),
      () => void this.resync().catch((err: Error) => this.deps.onError(`cluster resync failed: ${err.message}`)),
    );
  }

  /** A list was imported here (the importer announces; the directory and tokens announce by themselves). */
  itemsImported(hallId: string): void {
    this.announce({ kind: "items", hallId });
  }

  calendarChanged(): void {
    this.announce({ kind: "calendar" });
  }

  /** 好差评 cases were opened or moved here: the others refresh their overdue counts. */
  followUpsChanged(hallId: string): void {
    this.announce({ kind: "followups", hallId });
  }

  stop(): Promise<void> {
    return this.deps.notices.stop();
  }

  private announce(notice: ClusterNotice): void {
    void this.deps.notices.announce(notice).catch((err: Error) => this.deps.onError(`cluster notice ${notice.kind} not sent: ${err.message}`));
  }

  private async apply(notice: ClusterNotice): Promise<void> {
    const { directory, tokens, consistency } = this.deps;
    switch (notice.kind) {
      case "hall":
        return directory.reload(notice.hallId);
      case "tokens":
        return tokens.reload();
      case "items":
        return consistency.reevaluate(notice.hallId);
      case "calendar":
        this.deps.calendar.setAdminYears(await this.deps.calendarYears());
        for (const hallId of directory.ids()) await consistency.reevaluate(hallId);
        return;
      case "followups":
        return this.deps.followUps.refreshOverdue(notice.hallId);
    }
  }

  private async resync(): Promise<void> {
    const { directory, tokens } = this.deps;
    await tokens.reload();
    for (const hallId of await directory.storedIds()) await directory.reload(hallId);
    this.deps.calendar.setAdminYears(await this.deps.calendarYears());
  }
}
