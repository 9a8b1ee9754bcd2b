// The province overview page's state: its token (from ?token= once, then local storage, or pasted into
// the sign-in form; a global admin already signed in to the admin pages is let in with that token), the
// last GET /api/overview answer, and why a call failed. Only tokens that span halls pass: an overseer or
// an admin without hall; a hall's own token is refused by the server (403) and not kept.
import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import type { Overview } from "../../../contract/overview.js";
import { ApiError, apiRequest } from "../api/http.js";
import { adoptTokenFromUrl, forgetToken, loadToken, saveToken } from "../auth/token-storage.js";

export type OverviewStatus = "signed-out" | "checking" | "ready" | "denied";

/** The page refreshes its figures this often (the server keeps one answer for 3 s). */
export const OVERVIEW_REFRESH_MS = 10_000;
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
    status.value = "checking";
    error.value = null;
    ended.value = false;
    try {
      overview.value = await apiRequest<Overview>(t, "GET", "/api/overview");
      token.value = t;
      if (keep) saveToken("admin", t, SCOPE);
      status.value = "ready";
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
    if (status.value !== "ready" || token.value === null) return;
    try {
      overview.value = await apiRequest<Overview>(token.value, "GET", "/api/overview");
      error.value = null;
    } catch (e) {
      const err = asApiError(e);
      error.value = err;
      if (err.status === 401 || err.status === 403) {
        forgetToken("admin", SCOPE);
        token.value = null;
        overview.value = null;
        status.value = "signed-out";
        ended.value = true;
      }
    }
  }

  function signOut(): void {
    forgetToken("admin", SCOPE);
    token.value = null;
    overview.value = null;
    status.value = "signed-out";
    error.value = null;
    ended.value = false;
  }

  return { token, status, overview, error, ended, start, signIn, refresh, signOut };
});
