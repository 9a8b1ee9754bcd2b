// Who is using the admin pages: the token (from ?token= once, then local storage, or pasted into the
// sign-in form), what it is (GET /api/me), the halls it reaches (GET /api/halls) and the chosen hall.
// An overseer (issue #11) drills down from the province overview into every hall read-only: its token
// is the overview page's (kept under that page's key, so one sign-in serves both pages).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { HallList, WhoAmI } from "../../../contract/index.js";
import { ApiError, apiRequest } from "../api/http.js";
import { adoptTokenFromUrl, forgetToken, loadToken, saveToken } from "../auth/token-storage.js";

export type SessionStatus = "signed-out" | "checking" | "ready" | "denied";

const HALL_KEY = "hallpulse.admin.hall";
/** Where the province overview keeps its token (stores/overview.ts: "hallpulse.admin.token.overview"). */
const OVERVIEW_SCOPE = "overview";

export const useAdminSession = defineStore("admin-session", () => {
  const token = ref<string | null>(null);
  const me = shallowRef<WhoAmI | null>(null);
  const halls = shallowRef<HallList["halls"]>([]);
  const hallId = ref<string | null>(null);
  const status = ref<SessionStatus>("signed-out");
  /** Why the last sign-in failed, or why the session ended (e.g. the token was revoked). */
  const error = shallowRef<ApiError | null>(null);
  /** True when a signed-in session ended because the server refused the token (e.g. revoked). */
  const ended = ref(false);

  const role = computed(() => me.value?.role ?? null);
  const isAdmin = computed(() => role.value === "admin");
  const isGlobalAdmin = computed(() => isAdmin.value && me.value?.hallId === null);
  /** The overseer reads every hall and changes nothing: pages hide their write controls for it. */
  const isOverseer = computed(() => role.value === "overseer");
  /** A token without hall (global admin, overseer): it picks among all halls. */
  const spansHalls = computed(() => me.value !== null && me.value.hallId === null);
  const canOpen = computed(() => role.value === "admin" || role.value === "manager" || role.value === "overseer");
  const hall = computed(() => halls.value.find((h) => h.hallId === hallId.value) ?? null);

  /** On page load: a ?token= in the address (stored, then removed from it) or the stored token. */
  async function start(): Promise<void> {
    // Without an admin page token, an overseer coming from the overview is signed in with that page's token.
    const t = adoptTokenFromUrl("admin") ?? loadToken("admin", OVERVIEW_SCOPE);
    if (t) await signIn(t);
  }

  async function signIn(secret: string): Promise<boolean> {
    const t = secret.trim();
    if (t === "") return false;
    status.value = "checking";
    error.value = null;
    ended.value = false;
    try {
      const who = await apiRequest<WhoAmI>(t, "GET", "/api/me");
      token.value = t;
      me.value = who;
      if (who.role !== "admin" && who.role !== "manager" && who.role !== "overseer") {
        // Not an admin page token: not kept, so the next visit asks for another one.
        forgetToken("admin");
        status.value = "denied";
        return false;
      }
      if (who.role === "overseer") {
        // Kept where the overview looks for it, so that its drill-down links and this page share one sign-in.
        forgetToken("admin");
        saveToken("admin", t, OVERVIEW_SCOPE);
      } else saveToken("admin", t);
      await refreshHalls();
      status.value = "ready";
      return true;
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, "network", String(e));
      if (err.status === 401) {
        forgetToken("admin");
        // A revoked overseer token borrowed from the overview is not offered again either.
        if (loadToken("admin", OVERVIEW_SCOPE) === t) forgetToken("admin", OVERVIEW_SCOPE);
      }
      reset();
      error.value = err;
      return false;
    }
  }

  function reset() {
    token.value = null;
    me.value = null;
    halls.value = [];
    hallId.value = null;
    status.value = "signed-out";
  }

  function signOut(): void {
    forgetToken("admin");
    if (isOverseer.value) forgetToken("admin", OVERVIEW_SCOPE);
    reset();
    error.value = null;
    ended.value = false;
  }

  /** Reloads the hall list and keeps (or picks) a hall: `prefer`, the last chosen, the token's, the first. */
  async function refreshHalls(prefer?: string): Promise<void> {
    const list = await call<HallList>("GET", "/api/halls");
    halls.value = list.halls;
    const ids = list.halls.map((h) => h.hallId);
    const stored = globalThis.localStorage?.getItem(HALL_KEY) ?? null;
    const pick = [prefer, hallId.value, stored, me.value?.hallId].find((id): id is string => !!id && ids.includes(id)) ?? ids[0] ?? null;
    selectHall(pick);
  }

  function selectHall(id: string | null): void {
    hallId.value = id;
    if (id) globalThis.localStorage?.setItem(HALL_KEY, id);
  }

  /** An API call with the session's token. A 401 means the token was revoked: the session ends. */
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await apiRequest<T>(token.value, method, path, body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        forgetToken("admin");
        if (isOverseer.value) forgetToken("admin", OVERVIEW_SCOPE);
        reset();
        error.value = e;
        ended.value = true;
      }
      throw e;
    }
  }

  return { token, me, halls, hallId, hall, status, error, ended, role, isAdmin, isGlobalAdmin, isOverseer, spansHalls, canOpen, start, signIn, signOut, refreshHalls, selectHall, call };
});
