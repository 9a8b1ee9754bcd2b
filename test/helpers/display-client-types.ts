// The shapes of the test /display client (test/helpers/display-client.ts): its options, how it treated each
// message (Outcome) and the records it keeps of messages and handshake refusals for tests to check.
import type { Socket } from "socket.io-client";
import type { DisplayClientToServer, DisplayServerToClient, DisplaySnapshot, DisplayUpdate, HallSummary, LoadView } from "../../contract/index.js";

export type DisplaySocket = Socket<DisplayServerToClient, DisplayClientToServer>;

export interface DisplayClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:1234 (the namespace is added). */
  url: string;
  token: string;
  hallId?: string;
  /** Sent as `auth.lastSeq` on the first handshake (later handshakes send the held seq). */
  lastSeq?: number;
  /** A view held from before (e.g. by an earlier client) that updates after `seed.seq` apply to. */
  seed?: { seq: number; view: LoadView; hall?: HallSummary | null };
  /** socket.io's automatic reconnection (default off). */
  reconnection?: boolean;
  reconnectionDelayMs?: number;
  /** Emit `resync` with the held seq when an update's baseSeq does not match (default on). */
  autoResync?: boolean;
  /** Connect at once (default on). */
  autoConnect?: boolean;
  /** Ask for compact updates (`auth.compact`: today's series as a tail). */
  compact?: boolean;
  /** Sent as `auth.floorTickets` when set (false: no per-ticket waits in the floor section, as the wall asks). */
  floorTickets?: boolean;
  /** Ask for changed fields instead of whole entries (`auth.fieldDeltas`, as the wall asks). */
  fieldDeltas?: boolean;
  /** The socket.io URL's query, e.g. `{ hall }` as the wall sends it for the balancer. */
  query?: Record<string, string>;
}

/** How the client treated a message. */
export type Outcome =
  /** Became the held state. */
  | "applied"
  /** seq ≤ held seq: already had it (or newer), ignored. */
  | "stale"
  /** A snapshot with exactly the held seq: nothing new, ignored. */
  | "repeat"
  /** An update whose baseSeq is not the held seq: not applied, resync asked. */
  | "gap";

export interface ReceivedSnapshot {
  kind: "snapshot";
  /** performance.now() at arrival. */
  at: number;
  /** 1 for the first connection, 2 after the first reconnection, … */
  connection: number;
  heldSeqBefore: number | null;
  outcome: Outcome;
  message: DisplaySnapshot;
}

export interface ReceivedUpdate {
  kind: "update";
  at: number;
  connection: number;
  heldSeqBefore: number | null;
  outcome: Outcome;
  message: DisplayUpdate;
}

export type Received = ReceivedSnapshot | ReceivedUpdate;

export interface HandshakeRefusal {
  at: number;
  message: string;
  code: string | undefined;
}
