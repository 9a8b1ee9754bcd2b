// When the staff console reads the hall's online item list (staff-store.ts; what it means: staff-guide.ts):
// only when the version a view names (`onlineListVersion`) is not the one held — never when the hall has
// none (null), once per new version, and after a failed read again at most every GUIDE_RETRY_MS while
// views keep coming (they come up to 4 times a second). A list held stays shown until a newer one comes.
import { shallowRef } from "vue";
import type { StaffView } from "../../../contract/index.js";
import { ApiError, apiRequest } from "../api/http.js";
import { loadedSource, type GuideSource, type OnlineItemList } from "./staff-guide.js";

/** After a failed read of the online list, the next one is not started before this. */
export const GUIDE_RETRY_MS = 30_000;

export interface GuideLoaderDeps {
  /** The console's token (no read without one). */
  token(): string | null;
  /** The latest view, looked at again once a read has answered. */
  latestView(): StaffView | null;
}

export function createGuideLoader(deps: GuideLoaderDeps) {
  const source = shallowRef<GuideSource>({ status: "idle" });
  /** Bumped for every read and on a reset: an answer to an older one is dropped. */
  let request = 0;
  /** The version a view named when the read in flight was started (null: no read in flight). */
  let asking: number | null = null;
  /**
   * The version a view named when the list held was read: its answer may be newer (an import in between),
   * and a view still naming the older version does not read it again.
   */
  let readFor: number | null = null;
  /** When the last read failed (or answered an older list than the view named): none again before GUIDE_RETRY_MS. */
  let failedAt: number | null = null;

  /** The version of the list held, or null. */
  function heldVersion(): number | null {
    const s = source.value;
    return s.status === "loaded" ? s.version : null;
  }

  /** Forgets the list and any read in flight (another token, or signed out). */
  function reset() {
    request += 1;
    asking = null;
    readFor = null;
    failedAt = null;
    source.value = { status: "idle" };
  }

  /**
   * Brings the online list in line with the version a view names: null means the hall has none (no
   * request); a version neither held nor being read is read once, unless the last read failed less than
   * GUIDE_RETRY_MS ago; a view arriving while a read is in flight waits for its answer.
   */
  function sync(hallId: string, version: number | null) {
    if (version === null) {
      if (asking !== null) request += 1; // its answer no longer matters
      asking = null;
      readFor = null;
      failedAt = null;
      if (source.value.status !== "none") source.value = { status: "none" };
      return;
    }
    if (version === heldVersion() || version === readFor || asking !== null) return;
    if (failedAt !== null && Date.now() - failedAt < GUIDE_RETRY_MS) return;
    void load(hallId, version);
  }

  /** Reads the hall's online item list because a view named `version`. */
  async function load(hallId: string, version: number) {
    const t = deps.token();
    if (!t) return;
    const mine = ++request;
    asking = version;
    // What is known stays shown until the answer comes (no flicker on a re-read); "none" is known wrong now.
    if (source.value.status === "idle" || source.value.status === "none") source.value = { status: "loading" };
    try {
      const list = await apiRequest<OnlineItemList>(t, "GET", `/api/halls/${encodeURIComponent(hallId)}/items/online`);
      if (mine !== request) return;
      asking = null;
      // An import in between may make the answer newer than the view said: kept. An older one is not.
      if (list.version >= version) {
        source.value = loadedSource(list);
        readFor = version;
        failedAt = null;
      } else failedAt = Date.now();
    } catch (err) {
      if (mine !== request) return;
      asking = null;
      failedAt = Date.now();
      if (source.value.status === "loaded") return;
      // 404: the server has no list after all (the view was ahead of it).
      if (err instanceof ApiError && err.status === 404) source.value = { status: "none" };
      else source.value = { status: "error", error: err instanceof ApiError ? { code: err.code, message: err.message, field: err.field } : { code: "network", message: String(err) } };
    }
    // A view that came while the read was in flight may name another version.
    const latest = deps.latestView();
    if (latest) sync(latest.hallId, latest.onlineListVersion);
  }

  return { source, sync, reset };
}
