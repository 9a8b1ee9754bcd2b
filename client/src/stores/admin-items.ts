// The item lists (事项清单) of the chosen hall: per source (online list / hall guides) the versions and the
// items of the current one (or an older one by ?version=), and the differences between two versions.
// Versions are asked for first: a source never imported has none, and then no item list is requested
// (that request would only answer 404).
import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import type { ItemDiff, ItemListVersion, ItemSource, ServiceItem } from "../../../contract/index.js";
import { ApiError } from "../api/http.js";
import { useAdminSession } from "./admin-session.js";

export interface ItemList {
  version: number;
  items: ServiceItem[];
}

export const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
const itemsPath = (hallId: string, source: ItemSource) => `/api/halls/${encodeURIComponent(hallId)}/items/${source}`;

export const useItemsStore = defineStore("admin-items", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const source = ref<ItemSource>("online");
  /** Newest first. */
  const versions = shallowRef<ItemListVersion[]>([]);
  const list = shallowRef<ItemList | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let ticket = 0;

  /** Versions of `src`, and the items of `version` (the newest when absent). */
  async function load(id: string, src: ItemSource, version?: number): Promise<void> {
    const mine = ++ticket;
    hallId.value = id;
    source.value = src;
    loading.value = true;
    error.value = null;
    try {
      const v = await session.call<{ versions: ItemListVersion[] }>("GET", `${itemsPath(id, src)}/versions`);
      if (mine !== ticket) return;
      versions.value = [...v.versions].sort((a, b) => b.version - a.version);
      if (versions.value.length === 0) {
        list.value = null;
        return;
      }
      const wanted = version !== undefined && versions.value.some((x) => x.version === version) ? `?version=${version}` : "";
      const l = await session.call<ItemList>("GET", `${itemsPath(id, src)}${wanted}`);
      if (mine === ticket) list.value = l;
    } catch (e) {
      if (mine !== ticket) return;
      error.value = asApiError(e);
      versions.value = [];
      list.value = null;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  const currentVersion = () => versions.value[0]?.version ?? null;

  return { hallId, source, versions, list, loading, error, load, currentVersion };
});

export const useItemDiffStore = defineStore("admin-item-diff", () => {
  const session = useAdminSession();
  const diff = shallowRef<ItemDiff | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let ticket = 0;

  async function load(hallId: string, source: ItemSource, from: number, to: number): Promise<void> {
    const mine = ++ticket;
    loading.value = true;
    error.value = null;
    try {
      const d = await session.call<ItemDiff>("GET", `${itemsPath(hallId, source)}/diff?from=${from}&to=${to}`);
      if (mine === ticket) diff.value = d;
    } catch (e) {
      if (mine !== ticket) return;
      diff.value = null;
      error.value = asApiError(e);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  function clear(): void {
    ticket++;
    diff.value = null;
    error.value = null;
    loading.value = false;
  }

  return { diff, loading, error, load, clear };
});
