// How the overview page's figures arrive once signed in (issue #11): pushed on the socket.io namespace
// /overview (once on connect, on every change at most every 2 s, at least every 10 s), and read over HTTP
// every 10 s only while that socket is not connected or has been silent for 20–30 s — so the figures never
// go stale silently, and a connected page that hears from the server costs it no polling. Kept apart from the store, which is about the session
// (token, sign-in, ending it); this file is only about the socket and the fallback timer.
import type { Overview } from "../../../contract/overview.js";
import { connectNamespace, type ConnectionState } from "../socket.js";

/** The fallback's pace while the socket is not connected (the server keeps one answer for 3 s). */
export const OVERVIEW_REFRESH_MS = 10_000;

/** The server's refusals that are the token's (unknown or revoked; a hall's own or wrong role). */
export type OverviewRefusal = "unauthorized" | "forbidden";

export interface OverviewFeedHandlers {
  /** A pushed overview. */
  overview: (overview: Overview) => void;
  /** The server refused the token: the session is over (the feed has already stopped itself). */
  refused: (code: OverviewRefusal) => void;
  /** Time for an HTTP read: the socket is not connected. */
  poll: () => void;
}

export interface OverviewFeed {
  /** The socket's state (reactive), for the page's connection cue. */
  state: ConnectionState;
  /** Disconnects the socket and stops the fallback; nothing more is reported after it. */
  stop: () => void;
}

/**
 * Connected but silent this many fallback periods (20–30 s): the server promised a push at least every
 * 10 s, so something between it and the page is stuck — read over HTTP rather than go stale silently.
 */
export const SILENT_PERIODS = 3;

export function followOverview(token: string, on: OverviewFeedHandlers): OverviewFeed {
  const { socket, state } = connectNamespace("/overview", () => ({ token }));
  let stopped = false;
  /** Fallback periods since the socket last connected or brought figures. */
  let silent = 0;
  // One timer for the feed's whole life: each period reads over HTTP when the socket is not connected,
  // or when it is but has been silent too long.
  const timer = setInterval(() => {
    if (state.status !== "connected") return on.poll();
    silent += 1;
    if (silent >= SILENT_PERIODS) on.poll();
  }, OVERVIEW_REFRESH_MS);

  // connectNamespace's own handlers ran first (socket.io calls listeners in order): `state` is current.
  function follow() {
    if (stopped) return;
    silent = 0;
    const code = state.status === "refused" ? state.refusal : null;
    if (code === "unauthorized" || code === "forbidden") {
      stop();
      on.refused(code);
    }
    // Any other state — connecting, offline, or refused for another reason — keeps the HTTP reads going.
  }

  function stop() {
    stopped = true;
    clearInterval(timer);
    socket.removeAllListeners();
    socket.disconnect();
    // connectNamespace retries once 500 ms after the server cut the socket off; should that retry still
    // come after this stop, it must not leave a connection open behind the page.
    socket.on("connect", () => socket.disconnect());
  }

  socket.on("overview", (o) => {
    if (stopped) return;
    silent = 0;
    on.overview(o);
  });
  socket.on("connect", follow);
  socket.on("disconnect", follow);
  socket.on("connect_error", follow);
  follow();
  return { state, stop };
}
