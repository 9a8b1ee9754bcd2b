// Importing an item list (admin): choose a file and its encoding → a dry run → the column-mapping step
// when required fields have no column or headers went unused → the report (every error by row and column)
// → "import" (only without errors) or "import the N good rows" (partial, chosen explicitly) → a new version.
// Nothing is ever imported without the administrator's click.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import { ITEM_FIELDS, type ItemField, type ItemSource } from "../../../contract/index.js";
import { ApiError } from "../api/http.js";
import {
  badDataRows,
  countDataRows,
  guessMapping,
  mappingQuery,
  uploadItems,
  uploadPath,
  type Encoding,
  type ImportAnswer,
} from "./admin-item-import-helpers.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

export type ImportStep = "choose" | "mapping" | "report" | "done";

const emptyDraft = () => Object.fromEntries(ITEM_FIELDS.map((f) => [f, ""])) as Record<ItemField, string>;

export const useItemImportStore = defineStore("admin-item-import", () => {
  const session = useAdminSession();
  const file = shallowRef<File | null>(null);
  const encoding = ref<Encoding>("auto");
  const step = ref<ImportStep>("choose");
  const busy = ref<"checking" | "importing" | null>(null);
  /** The last dry run's report (or a refused import's). */
  const answer = shallowRef<ImportAnswer | null>(null);
  /** The mapping confirmed in the mapping step (sent with every later request), null before. */
  const mapping = shallowRef<Partial<Record<ItemField, string>> | null>(null);
  const draft = ref<Record<ItemField, string>>(emptyDraft());
  /** Data rows in the file when they can be counted here (CSV, JSON), else null. */
  const totalRows = ref<number | null>(null);
  const outcome = shallowRef<ImportAnswer | null>(null);
  const error = shallowRef<ApiError | null>(null);

  const isJson = computed(() => /\.json$/i.test(file.value?.name ?? "") || (answer.value !== null && answer.value.headers === undefined));
  const errors = computed(() => answer.value?.errors ?? []);
  /** Problems of the file as a whole (unreadable, not that format, a required column missing). */
  const blocked = computed(() => errors.value.some((e) => e.row === 0) || (answer.value?.missing?.length ?? 0) > 0);
  const rejectedRows = computed(() => answer.value?.rejectedRows ?? 0);
  const goodRows = computed(() => (totalRows.value === null ? null : Math.max(0, totalRows.value - badDataRows(errors.value, isJson.value))));
  const canImport = computed(() => step.value === "report" && answer.value !== null && errors.value.length === 0 && !blocked.value && busy.value === null);
  const canPartial = computed(() => step.value === "report" && errors.value.length > 0 && !blocked.value && goodRows.value !== 0 && busy.value === null);

  function reset(): void {
    file.value = null;
    step.value = "choose";
    busy.value = null;
    answer.value = null;
    mapping.value = null;
    draft.value = emptyDraft();
    totalRows.value = null;
    outcome.value = null;
    error.value = null;
  }

  function choose(f: File | null): void {
    const keep = encoding.value;
    reset();
    encoding.value = keep;
    file.value = f;
  }

  async function send(hallId: string, source: ItemSource, o: { dryRun: boolean; partial: boolean }): Promise<{ status: number; body: ImportAnswer | null } | null> {
    const f = file.value;
    if (!f) return null;
    const path = uploadPath(hallId, source, { encoding: encoding.value, mapping: mapping.value, ...o });
    try {
      const res = await uploadItems(session.token, path, f, f.name);
      if (res.status === 401) void session.call("GET", "/api/me").catch(() => undefined); // ends the session as every call does
      const body = res.body !== null && typeof res.body === "object" && Array.isArray((res.body as ImportAnswer).errors) ? (res.body as ImportAnswer) : null;
      if (!body && res.status >= 400) {
        const e = (res.body as { error?: { code?: ApiError["code"]; message?: string } } | null)?.error;
        throw new ApiError(res.status, e?.code ?? "internal", e?.message ?? `HTTP ${res.status}`);
      }
      return { status: res.status, body };
    } catch (e) {
      error.value = asApiError(e);
      return null;
    }
  }

  /** The dry run: decides between the mapping step and the report. */
  async function check(hallId: string, source: ItemSource): Promise<void> {
    const f = file.value;
    if (!f || busy.value) return;
    busy.value = "checking";
    error.value = null;
    try {
      if (totalRows.value === null) totalRows.value = countDataRows(await f.arrayBuffer(), f.name);
      const res = await send(hallId, source, { dryRun: true, partial: false });
      if (!res?.body) return;
      const a = res.body;
      answer.value = a;
      const needsMapping = (a.missing?.length ?? 0) > 0 || ((a.unmapped?.length ?? 0) > 0 && mapping.value === null);
      if (needsMapping && a.headers) {
        if (mapping.value === null) draft.value = guessMapping(a.headers, a.unmapped ?? a.headers);
        step.value = "mapping";
      } else step.value = "report";
    } finally {
      busy.value = null;
    }
  }

  /** Back to the mapping step from the report, with the choice in force (or the guess). */
  function editMapping(): void {
    const a = answer.value;
    if (!a?.headers) return;
    draft.value = mapping.value ? { ...emptyDraft(), ...mapping.value } : guessMapping(a.headers, a.unmapped ?? a.headers);
    step.value = "mapping";
  }

  async function applyMapping(hallId: string, source: ItemSource): Promise<void> {
    mapping.value = mappingQuery(draft.value);
    await check(hallId, source);
  }

  /** Imports (partial: only the good rows). True when a version was created. */
  async function run(hallId: string, source: ItemSource, partial: boolean): Promise<boolean> {
    if (busy.value || !(partial ? canPartial.value : canImport.value)) return false;
    busy.value = "importing";
    error.value = null;
    try {
      const res = await send(hallId, source, { dryRun: false, partial });
      if (!res?.body) return false;
      if (res.status === 201 && res.body.version !== null) {
        outcome.value = res.body;
        step.value = "done";
        return true;
      }
      // Refused (the file changed, or an error the dry run did not see): show the new report.
      answer.value = res.body;
      step.value = "report";
      if (res.body.error) error.value = new ApiError(res.status, "bad_request", res.body.error.message);
      return false;
    } finally {
      busy.value = null;
    }
  }

  return {
    file,
    encoding,
    step,
    busy,
    answer,
    mapping,
    draft,
    totalRows,
    outcome,
    error,
    errors,
    blocked,
    rejectedRows,
    goodRows,
    canImport,
    canPartial,
    reset,
    choose,
    check,
    editMapping,
    applyMapping,
    run,
  };
});
