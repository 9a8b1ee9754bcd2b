// 到达预测与预警 of the chosen hall (issue #9): GET …/forecast — per category today's arrivals, the same
// weekdays' mean and the next hour's forecast, with the live early warnings — reloaded every 30 s while
// the page is open (the warnings' own cadence), and the category the chart shows (a warned one first).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { CategoryForecast, ForecastResponse } from "../../../contract/index.js";
import type { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

/** How often the open page asks again (the live warnings are recomputed at most every 30 s). */
export const FORECAST_RELOAD_MS = 30_000;

/** The category to chart: the chosen one while it exists, else the soonest warned, else the first with history. */
export function defaultCategory(data: ForecastResponse, chosen: string | null): string | null {
  if (chosen !== null && data.categories.some((c) => c.categoryId === chosen)) return chosen;
  return data.warnings[0]?.categoryId ?? data.categories.find((c) => c.status === "ok")?.categoryId ?? data.categories[0]?.categoryId ?? null;
}

export const useForecastStore = defineStore("admin-forecast", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const data = shallowRef<ForecastResponse | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const category = ref<string | null>(null);
  let ticket = 0;

  const series = computed<CategoryForecast | null>(() => data.value?.categories.find((c) => c.categoryId === category.value) ?? null);

  async function load(id: string): Promise<void> {
    const mine = ++ticket;
    if (hallId.value !== id) {
      data.value = null;
      category.value = null;
    }
    hallId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const r = await session.call<ForecastResponse>("GET", `/api/halls/${encodeURIComponent(id)}/forecast`);
      if (mine !== ticket) return;
      data.value = r;
      category.value = defaultCategory(r, category.value);
    } catch (e) {
      if (mine !== ticket) return;
      error.value = asApiError(e);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  function setCategory(id: string): void {
    category.value = id;
  }

  return { hallId, data, loading, error, category, series, load, setCategory };
});
