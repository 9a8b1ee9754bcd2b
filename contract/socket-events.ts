// socket.io's four typed maps per namespace, used by the server, the client, the simulator and tests.
import type { Ack } from "./ack.js";
import type { IngestResult } from "./ingest.js";
import type { DisplaySnapshot, DisplayUpdate } from "./live-view.js";
import type { Overview } from "./overview.js";
import type { StaffActionResult, StaffView } from "./staff.js";
import type { Role } from "./tokens.js";

export type AckCallback<T> = (reply: Ack<T>) => void;

/** Handshake `auth` of every namespace. */
export interface HandshakeAuth {
  token: string;
  /** /display: the hall to watch. */
  hallId?: string;
  /** /display: the last seq the client applied, to receive only what it missed. */
  lastSeq?: number;
  /** /display: receive compact updates (`todayTail` instead of the whole `today`); default false. */
  compact?: boolean;
  /**
   * /display: `false` declines `floor.tickets` (every waiting ticket's own band, for queue screens) in the
   * snapshot and the updates; an update whose floor changed only there then carries no `floor`. Default true.
   */
  floorTickets?: boolean;
  /**
   * /display: `true` asks for changed windows and categories as `windowFields` / `categoryFields` (the id
   * and the changed fields) instead of whole entries in `windows` / `categories`. Default false.
   */
  fieldDeltas?: boolean;
}

/** What the server keeps about an authenticated socket. */
export interface SocketData {
  tokenId: string;
  role: Role;
  hallId: string | null;
  windowId: string | null;
}

export type InterServerEvents = Record<string, never>;

// ── /ingest ─────────────────────────────────────────────────────────────────────────────
export interface IngestClientToServer {
  event: (event: unknown, ack: AckCallback<IngestResult>) => void;
  events: (events: unknown, ack: AckCallback<{ results: IngestResult[] }>) => void;
}
export type IngestServerToClient = Record<string, never>;

// ── /display ────────────────────────────────────────────────────────────────────────────
export interface DisplayClientToServer {
  /** Ask for what was missed since `lastSeq` (or a snapshot). Used when an update's baseSeq is unexpected. */
  resync: (lastSeq: number | null, ack?: AckCallback<{ seq: number }>) => void;
}
export interface DisplayServerToClient {
  snapshot: (snapshot: DisplaySnapshot) => void;
  update: (update: DisplayUpdate) => void;
}

// ── /staff ──────────────────────────────────────────────────────────────────────────────
export interface StaffClientToServer {
  /** A window action `{ id, type, ...fields }` (see contract/staff.ts); acked after its event committed. */
  action: (action: unknown, ack: AckCallback<StaffActionResult>) => void;
  /** Ask for the console's view now. */
  view: (ack: AckCallback<StaffView>) => void;
}
export interface StaffServerToClient {
  "staff.view": (view: StaffView) => void;
}

// ── /overview ───────────────────────────────────────────────────────────────────────────
// The province overview pushed live (issue #11) to tokens that span halls: an overseer, or an admin
// without hall (a hall's own tokens are refused, as on GET /api/overview).
export type OverviewClientToServer = Record<string, never>;
export interface OverviewServerToClient {
  /**
   * The same answer as GET /api/overview: once on connect, then whenever a hall's figures changed — at
   * most every 2 s, and at least every 10 s while the socket stays connected (`at` says when it was taken).
   */
  overview: (overview: Overview) => void;
}

// ── the four maps socket.io's Server and client sockets are typed with ──────────────────────
export type ClientToServerEvents = IngestClientToServer & DisplayClientToServer & StaffClientToServer & OverviewClientToServer;
export type ServerToClientEvents = IngestServerToClient & DisplayServerToClient & StaffServerToClient & OverviewServerToClient;
