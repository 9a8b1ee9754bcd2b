// The 调配建议 shown beside the what-if editor (admin-allocation-whatif.ts): GET …/rebalance — live
// (today so far) or of a past day (`?date=`) — for the basis chosen in the panel, the basis the shown
// advice (or its error) belongs to, and the server's 400 on a future or malformed day. An older answer
// arriving after a newer request is dropped.
import { computed, ref, shallowRef } from "vue";
import type { RebalanceAdvice, RebalanceResponse } from "../../../contract/index.js";
import type { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { type AdviceBasis, hallDateBefore, plainMessage, rebalancePath } from "./whatif-drafts.js";

export interface AdviceLoaderDeps {
  /** The admin session's authenticated request. */
  call: <T>(method: string, path: string) => Promise<T>;
  hallId: () => string | null;
  /** The what-if date being edited ("" when none). */
  date: () => string;
  timezone: () => string;
}

export function createAdviceLoader(deps: AdviceLoaderDeps) {
  const advice = shallowRef<RebalanceAdvice[]>([]);
  const adviceAt = ref<string | null>(null);
  const adviceLoading = ref(false);
  const adviceError = shallowRef<ApiError | null>(null);
  /** The basis chosen in the panel, and the day of its history basis ("" until history is first chosen). */
  const adviceKind = ref<AdviceBasis["kind"]>("live");
  const adviceDate = ref("");
  /** The basis of the shown advice (or of its error); null before the first answer. */
  const adviceFor = shallowRef<AdviceBasis | null>(null);
  let adviceTicket = 0;

  /** The advice request's 400 on `date` (a future or malformed day), as the server's plain message. */
  const adviceDateError = computed(() => {
    const e = adviceError.value;
    return e && e.code === "bad_request" && e.field === "date" ? plainMessage(e) : null;
  });

  /** The chosen basis as a request; null for history without a day. */
  const adviceBasis = computed<AdviceBasis | null>(() => (adviceKind.value === "live" ? { kind: "live" } : adviceDate.value ? { kind: "history", date: adviceDate.value } : null));

  /** Another hall: back to live advice, nothing shown. */
  function clear(): void {
    advice.value = [];
    adviceAt.value = null;
    adviceError.value = null;
    adviceFor.value = null;
    adviceKind.value = "live";
    adviceDate.value = "";
  }

  /** GET …/rebalance for the chosen basis (with `?date=` for a past day). */
  async function loadAdvice(): Promise<void> {
    const id = deps.hallId();
    const basis = adviceBasis.value;
    if (!id || !basis) return;
    const mine = ++adviceTicket;
    adviceLoading.value = true;
    adviceError.value = null;
    try {
      const r = await deps.call<RebalanceResponse>("GET", rebalancePath(id, basis));
      if (mine !== adviceTicket) return;
      advice.value = r.advice;
      adviceAt.value = r.at;
      adviceFor.value = basis;
    } catch (e) {
      if (mine !== adviceTicket) return;
      advice.value = [];
      adviceAt.value = null;
      adviceFor.value = basis;
      adviceError.value = asApiError(e);
    } finally {
      if (mine === adviceTicket) adviceLoading.value = false;
    }
  }

  /**
   * 实时（今天） or 历史某日; the first time history is chosen its day is the what-if date being edited,
   * else yesterday in the hall's time zone. Loads the advice of the new basis.
   */
  function setAdviceBasis(kind: AdviceBasis["kind"], now = Date.now()): Promise<void> {
    if (kind === "history" && !adviceDate.value) adviceDate.value = deps.date() || hallDateBefore(now, deps.timezone(), 1);
    adviceKind.value = kind;
    return loadAdvice();
  }

  /** The day of the history basis; an empty field keeps the shown advice. */
  function setAdviceDate(value: string): Promise<void> {
    adviceDate.value = value;
    if (!value || adviceKind.value !== "history") return Promise.resolve();
    return loadAdvice();
  }

  return { advice, adviceAt, adviceLoading, adviceError, adviceKind, adviceDate, adviceFor, adviceDateError, clear, loadAdvice, setAdviceBasis, setAdviceDate };
}
