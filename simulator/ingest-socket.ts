// The socket the ingest client talks through: a narrow interface, so tests can pass a fake instead of socket.io.
import { io, type Socket } from "socket.io-client";
import type { Ack, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient } from "../contract/index.js";

/** What the client needs from a socket; the default wraps socket.io-client (tests pass a fake). */
export interface IngestSocketLike {
  readonly connected: boolean;
  /** False once the server refused the connection or after disconnect(): no automatic reconnection. */
  readonly active: boolean;
  onConnect(fn: () => void): void;
  onDisconnect(fn: (reason: string) => void): void;
  onConnectError(fn: (err: Error & { data?: unknown }) => void): void;
  connect(): void;
  disconnect(): void;
  /** Emits `events` with the batch and resolves with the raw ack; rejects on timeout or disconnect. */
  emitEvents(batch: readonly HallEvent[], timeoutMs: number): Promise<unknown>;
}

/** The default socket: socket.io-client on `${url}/ingest`, websocket only, token in the handshake. */
export function socketIoIngestSocket(url: string, token: string): IngestSocketLike {
  const socket: Socket<IngestServerToClient, IngestClientToServer> = io(`${url.replace(/\/+$/, "")}/ingest`, {
    auth: { token },
    transports: ["websocket"],
    autoConnect: false,
    forceNew: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 5000,
  });
  return {
    get connected() {
      return socket.connected;
    },
    get active() {
      return socket.active;
    },
    onConnect: (fn) => void socket.on("connect", fn),
    onDisconnect: (fn) => void socket.on("disconnect", (reason) => fn(reason)),
    onConnectError: (fn) => void socket.on("connect_error", fn),
    connect: () => void socket.connect(),
    disconnect: () => void socket.disconnect(),
    emitEvents: (batch, timeoutMs) => socket.timeout(timeoutMs).emitWithAck("events", batch) as Promise<Ack<{ results: IngestResult[] }>>,
  };
}
