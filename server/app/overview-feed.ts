// The province overview pushed live (issue #11): after a hall's publication or a change of a hall's
// configuration, the overview is taken again — at most every `intervalMs`, however many halls publish —
// and sent when a hall's figures changed, or when the last sending is `keepAliveMs` old (so that the
// page's "updated at" stays true while nothing moves). Nothing is computed while nobody listens.
import type { Overview } from "../../contract/overview.js";
import type { HallDirectory } from "./hall-directory.js";
import type { LiveHalls } from "./live-halls.js";
import type { OverviewQuery } from "./overview-query.js";
import type { Clock } from "./ports.js";

/** At most one overview taken per 2 s: 60 halls publish up to 4 times a second each. */
export const OVERVIEW_PUSH_MS = 2000;
/** Sent again after 10 s even when unchanged (the HTTP page's old refresh period). */
export const OVERVIEW_KEEPALIVE_MS = 10_000;

export interface OverviewFeedDeps {
  query: OverviewQuery;
  live: Pick<LiveHalls, "onPublish" | "onStale">;
  directory: Pick<HallDirectory, "onChange">;
  clock: Clock;
  /** Whether any client listens on this node now. */
  listening(): boolean;
  send(overview: Overview): void;
  intervalMs?: number;
  keepAliveMs?: number;
}

export class OverviewFeed {
  private timer: NodeJS.Timeout | null = null;
  private lastTakenAt = -Infinity;
  private lastSentAt = -Infinity;
  /** The halls' figures last sent, as JSON (`at` left out: it changes at every taking). */
  private lastSent: string | null = null;
  private stopped = false;

  constructor(private readonly deps: OverviewFeedDeps) {
    // A hall nobody on this node watches publishes nothing; its changes still reach the overview, which
    // takes it (computed then) at its own pace.
    deps.live.onPublish(() => this.schedule());
    deps.live.onStale(() => this.schedule());
    deps.directory.onChange(() => this.schedule());
  }

  /** A client that connected was sent this overview: later sendings compare with it. */
  noteSent(overview: Overview): void {
    this.lastSent = JSON.stringify(overview.halls);
    this.lastSentAt = this.deps.clock.now();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.stopped || !this.deps.listening()) return;
    const wait = Math.max(0, this.lastTakenAt + (this.deps.intervalMs ?? OVERVIEW_PUSH_MS) - this.deps.clock.now());
    this.timer = setTimeout(() => this.take(), wait);
    this.timer.unref();
  }

  private take(): void {
    this.timer = null;
    if (this.stopped || !this.deps.listening()) return;
    this.lastTakenAt = this.deps.clock.now();
    void this.deps.query.fresh().then((overview) => this.sendIfChanged(overview));
  }

  private sendIfChanged(overview: Overview): void {
    if (this.stopped) return;
    const now = this.deps.clock.now();
    const halls = JSON.stringify(overview.halls);
    if (halls === this.lastSent && now - this.lastSentAt < (this.deps.keepAliveMs ?? OVERVIEW_KEEPALIVE_MS)) return;
    this.lastSent = halls;
    this.lastSentAt = now;
    this.deps.send(overview);
  }
}
