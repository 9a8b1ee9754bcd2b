// The one typed socket.io client of the pages, per namespace, with a reactive connection state that
// views show (connected, reconnecting, refused with the server's reason).
import { io, type Socket } from "socket.io-client";
import { reactive } from "vue";
import type { ClientToServerEvents, ServerToClientEvents } from "../../contract/index.js";

export type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionState {
  status: "connecting" | "connected" | "offline" | "refused";
  /** The server's refusal code (connect_error data.code), e.g. "unauthorized". */
  refusal: string | null;
  /** When the connection was last lost (ms), for "N s old" displays. */
  lostAt: number | null;
}

/**
 * `hall`: the hall this connection shows, sent in the URL (`?hall=`) where a balancer can see it — the
 * reference nginx keeps a hall's screens on one node with it (docs/deploy.md), so that one node computes
 * that hall's view; the server reads the hall from the token and `auth` only.
 */
export function connectNamespace(namespace: "/display" | "/staff" | "/ingest" | "/overview", auth: () => Record<string, unknown>, hall?: string) {
  const state = reactive<ConnectionState>({ status: "connecting", refusal: null, lostAt: null });
  // auth as a function: socket.io calls it on every (re)connection, so lastSeq is always current.
  const socket: HallSocket = io(namespace, { auth: (cb) => cb(auth()), transports: ["websocket"], reconnectionDelayMax: 5000, ...(hall ? { query: { hall } } : {}) });
  socket.on("connect", () => {
    state.status = "connected";
    state.refusal = null;
    state.lostAt = null;
  });
  socket.on("disconnect", (reason) => {
    state.status = "offline";
    state.lostAt ??= Date.now();
    // The server cut us off (e.g. the token was revoked): socket.io does not retry by itself, so try
    // once more — a revoked token then comes back as a refusal the page can show.
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 500);
  });
  socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
    const code = err.data?.code ?? null;
    // A refusal by the server (bad token, wrong role) will not heal by retrying; a network error will.
    if (code === "unauthorized" || code === "forbidden" || code === "not_found") {
      state.status = "refused";
      state.refusal = code;
      socket.disconnect();
    } else {
      state.status = "offline";
      state.lostAt ??= Date.now();
    }
  });
  return { socket, state };
}
