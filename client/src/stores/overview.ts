// The province overview page's state: its token (from ?token= once, then local storage, or pasted into
// the sign-in form; a global admin already signed in to the admin pages is let in with that token), the
// latest figures, and why a call failed. Only tokens that span halls pass: an overseer or an admin without
// hall; a hall's own token is refused by the server (403) and not kept. Signing in reads GET /api/overview
// (it checks the token and gives the first figures); once ready, the figures come pushed on /overview
// (overview-feed.ts), read over HTTP every 10 s only while that socket is not connected. A refusal of the
// token on either path ends the session.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { Overview } from "../../../contract/overview.js";
import { ApiError, apiRequest } from "../api/http.js";
import { adoptTokenFromUrl, forgetToken, loadToken, saveToken } from "../auth/token-storage.js";
import type { ConnectionState } from "../socket.js";
import { followOverview, type OverviewFeed, type OverviewRefusal } from "./overview-feed.js";

export type OverviewStatus = "signed-out" | "checking" | "ready" | "denied";

/** While the live socket is not connected, the figures are read this often (the server keeps one answer for 3 s). */
export { OVERVIEW_REFRESH_MS } from "./overview-feed.js";
/** Its own token key beside the admin pages' ("hallpulse.admin.token.overview"). */
const SCOPE = "overview";

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, "network", String(e)));

export const useOverviewStore = defineStore("overview", () => {
  const token = ref<string | null>(null);
  const status = ref<OverviewStatus>("signed-out");
  const overview = shallowRef<Overview | null>(null);
  /** Why the last sign-in or refresh failed (the last figures stay shown after a failed refresh). */
  const error = shallowRef<ApiError | null>(null);
  /** True when a signed-in session ended because the server refused the token (e.g. revoked). */
  const ended = ref(false);
  /** The live socket's state while the figures are followed (null when not), for the page's cue. */
  const connection = shallowRef<ConnectionState | null>(null);
  const live = computed(() => connection.value?.status ?? null);
  let feed: OverviewFeed | null = null;
  /** Counts pushes, so that an HTTP read started before a push does not overwrite it with older figures. */
  let pushes = 0;

  async function start(): Promise<void> {
    const own = adoptTokenFromUrl("admin", SCOPE);
    if (own) {
      await signIn(own);
      return;
    }
    // The admin pages' token: enough when it is an admin without hall; otherwise just ask for a token.
    const shared = loadToken("admin");
    if (shared && !(await signIn(shared, false))) {
      status.value = "signed-out";
      error.value = null;
    }
  }

  /** Checks the token by reading the overview; `keep`: store it for the next visit. */
  async function signIn(secret: string, keep = true): Promise<boolean> {
    const t = secret.trim();
    if (t === "") return false;
    unfollow();
    status.value = "checking";
    error.value = null;
    ended.value = false;
    try {
      overview.value = await apiRequest<Overview>(t, "GET", "/api/overview");
      token.value = t;
      if (keep) saveToken("admin", t, SCOPE);
      status.value = "ready";
      follow();
      return true;
    } catch (e) {
      const err = asApiError(e);
      if (keep && (err.status === 401 || err.status === 403)) forgetToken("admin", SCOPE);
      token.value = null;
      overview.value = null;
      status.value = err.status === 403 ? "denied" : "signed-out";
      error.value = err;
      return false;
    }
  }

  /** Reloads the figures; a 401 (revoked) ends the session, other failures keep the last figures. */
  async function refresh(): Promise<void> {
    const t = token.value;
    if (status.value !== "ready" || t === null) return;
    const seen = pushes;
    try {
      const read = await apiRequest<Overview>(t, "GET", "/api/overview");
      // Signed out or in again meanwhile: this answer is not this session's.
      if (token.value !== t) return;
      if (pushes === seen) overview.value = read;
      error.value = null;
    } catch (e) {
      if (token.value !== t) return;
      const err = asApiError(e);
      error.value = err;
      if (err.status === 401 || err.status === 403) endSession(err);
    }
  }

  /** Follows the live figures (the page does on mount; signing in does): no-op unless ready or when already following. */
  function follow(): void {
    const t = token.value;
    if (status.value !== "ready" || t === null || feed !== null) return;
    feed = followOverview(t, {
      overview: (o) => {
        pushes += 1;
        overview.value = o;
        error.value = null;
      },
      refused: (code: OverviewRefusal) => {
        feed = null;
        endSession(new ApiError(code === "forbidden" ? 403 : 401, code, `the server refused the token on /overview (${code})`));
      },
      poll: () => void refresh(),
    });
    connection.value = feed.state;
  }

  /** Stops following (socket and fallback reads); the session and the last figures stay. */
  function unfollow(): void {
    feed?.stop();
    feed = null;
    connection.value = null;
  }

  /** The server refused the token (revoked, or not one that spans halls): forget it, as on sign-out. */
  function endSession(err: ApiError): void {
    forget(err, true);
  }

  function signOut(): void {
    forget(null, false);
  }

  /** Stops following and forgets the token and the figures; `ended`: the server ended the session. */
  function forget(reason: ApiError | null, endedByServer: boolean): void {
    unfollow();
    forgetToken("admin", SCOPE);
    token.value = null;
    overview.value = null;
    status.value = "signed-out";
    error.value = reason;
    ended.value = endedByServer;
  }

  return { token, status, overview, error, ended, connection, live, start, signIn, refresh, follow, unfollow, signOut };
});
