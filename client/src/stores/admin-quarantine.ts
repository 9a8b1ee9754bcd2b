// The quarantine of the chosen hall (admin only): rejected inputs and why, newest first, a page at a time.
// "Older" asks for the items before the last one shown (?before=id); "newer" goes back a page.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import { ApiError } from "../api/http.js";
import { useAdminSession } from "./admin-session.js";
import type { QuarantineItem, QuarantineResponse } from "../../../contract/index.js";

export type { QuarantineItem };

export const QUARANTINE_PAGE_SIZE = 25;

/** The payload as indented JSON when it is JSON, else as it came: always text. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

export const useQuarantineStore = defineStore("admin-quarantine", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const items = shallowRef<QuarantineItem[]>([]);
  /** The `before` of each page after the first: [] on the newest page. */
  const cursors = ref<number[]>([]);
  const hasOlder = ref(false);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  const page = computed(() => cursors.value.length + 1);
  const hasNewer = computed(() => cursors.value.length > 0);

  /** Fetches one page; one item more than a page tells whether an older page exists. */
  async function fetchPage(id: string, before: number | undefined): Promise<boolean> {
    loading.value = true;
    error.value = null;
    try {
      const q = `limit=${QUARANTINE_PAGE_SIZE + 1}${before !== undefined ? `&before=${before}` : ""}`;
      const res = await session.call<QuarantineResponse>("GET", `/api/halls/${encodeURIComponent(id)}/quarantine?${q}`);
      if (hallId.value !== id) return false;
      items.value = res.items.slice(0, QUARANTINE_PAGE_SIZE);
      hasOlder.value = res.items.length > QUARANTINE_PAGE_SIZE;
      return true;
    } catch (e) {
      if (hallId.value === id) error.value = e instanceof ApiError ? e : new ApiError(0, "network", String(e));
      return false;
    } finally {
      loading.value = false;
    }
  }

  /** The newest page (also "refresh"). */
  async function loadNewest(id: string): Promise<void> {
    hallId.value = id;
    cursors.value = [];
    await fetchPage(id, undefined);
  }

  async function older(): Promise<void> {
    const id = hallId.value;
    const last = items.value.at(-1);
    if (!id || !last || !hasOlder.value) return;
    if (await fetchPage(id, last.id)) cursors.value = [...cursors.value, last.id];
  }

  async function newer(): Promise<void> {
    const id = hallId.value;
    if (!id || cursors.value.length === 0) return;
    const back = cursors.value.slice(0, -1);
    if (await fetchPage(id, back.at(-1))) cursors.value = back;
  }

  return { hallId, items, page, hasOlder, hasNewer, loading, error, loadNewest, older, newer };
});
