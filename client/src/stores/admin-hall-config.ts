// The chosen hall's configuration (GET /api/halls/:id) and its editing form: per-field problems from the
// contract's schema as the admin types, the server's 400 `field` mapped back onto its input, save with PUT,
// and creating a new hall under a new id (global admin).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { HallConfig } from "../../../contract/index.js";
import { ApiError } from "../api/http.js";
import {
  configFromForm,
  emptyForm,
  formFromConfig,
  hallIdProblem,
  inputKeyOf,
  messageWithoutField,
  newCategoryRow,
  newOpeningRow,
  newWindowRow,
  validateForm,
  type ConfigForm,
  type FieldIssue,
} from "../composables/admin-config-form.js";
import { useAdminSession } from "./admin-session.js";

export type SaveState = "idle" | "saving" | "saved" | "invalid" | "failed";

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, "network", String(e)));

export const useHallConfigStore = defineStore("admin-hall-config", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const saved = shallowRef<HallConfig | null>(null);
  const form = ref<ConfigForm>(emptyForm());
  const baseline = ref("");
  const creating = ref(false);
  const newHallId = ref("");
  const loading = ref(false);
  const loadError = shallowRef<ApiError | null>(null);
  const saveState = ref<SaveState>("idle");
  const saveError = shallowRef<ApiError | null>(null);
  /** After a save attempt every problem shows; before it, only those of inputs the admin touched. */
  const showAll = ref(false);
  const touched = ref(new Set<string>());

  const readOnly = computed(() => !session.isAdmin);
  const timezone = computed(() => saved.value?.timezone ?? "Asia/Shanghai");

  const clientIssues = computed(() => {
    const issues = validateForm(form.value);
    if (creating.value) {
      const problem = hallIdProblem(newHallId.value.trim(), session.halls.map((h) => h.hallId));
      if (problem) issues.set("hallId", { key: "hallId", rest: [], message: problem });
    }
    return issues;
  });

  /** The server's 400 as an issue of one input ("form" when no input matches the path). */
  const serverIssue = computed<FieldIssue | null>(() => {
    const e = saveError.value;
    if (!e || e.code !== "bad_request") return null;
    const { key, rest } = e.field ? inputKeyOf(e.field) : { key: "form", rest: [] };
    return { key, rest, message: messageWithoutField(e.message, e.field) };
  });

  const dirty = computed(() => creating.value || JSON.stringify(configFromForm(form.value)) !== baseline.value);

  function issueFor(key: string): (FieldIssue & { source: "client" | "server" }) | null {
    const server = serverIssue.value;
    if (server && server.key === key) return { ...server, source: "server" };
    const client = clientIssues.value.get(key);
    if (client && (showAll.value || touched.value.has(key))) return { ...client, source: "client" };
    return null;
  }

  /** Problems shown now, for the summary above the form. */
  const visibleIssueCount = computed(() => {
    const keys = new Set<string>();
    for (const key of clientIssues.value.keys()) if (showAll.value || touched.value.has(key)) keys.add(key);
    if (serverIssue.value) keys.add(serverIssue.value.key);
    return keys.size;
  });

  function adopt(config: HallConfig) {
    saved.value = config;
    form.value = formFromConfig(config);
    baseline.value = JSON.stringify(configFromForm(formFromConfig(config)));
  }

  function clearFeedback() {
    saveState.value = "idle";
    saveError.value = null;
    showAll.value = false;
    touched.value = new Set();
  }

  async function load(id: string, force = false): Promise<void> {
    if (!force && id === hallId.value && saved.value && !creating.value) return;
    hallId.value = id;
    creating.value = false;
    loading.value = true;
    loadError.value = null;
    clearFeedback();
    try {
      const config = await session.call<HallConfig>("GET", `/api/halls/${encodeURIComponent(id)}`);
      if (hallId.value === id) adopt(config);
    } catch (e) {
      if (hallId.value === id) {
        saved.value = null;
        loadError.value = asApiError(e);
      }
    } finally {
      loading.value = false;
    }
  }

  /** An input changed: its problem may show, and the last save's outcome no longer applies. */
  function touch(key: string): void {
    if (!touched.value.has(key)) touched.value = new Set([...touched.value, key]);
    if (saveState.value !== "saving") {
      saveState.value = "idle";
      saveError.value = null;
    }
  }

  function addCategory() {
    form.value.categories.push(newCategoryRow());
    touch("categories");
  }
  function removeCategory(index: number) {
    const [row] = form.value.categories.splice(index, 1);
    if (row && !form.value.categories.some((c) => c.id === row.id))
      for (const w of form.value.windows) w.categories = w.categories.filter((c) => c !== row.id);
    touch("categories");
  }
  /** Renames a category id and the windows that refer to it. */
  function setCategoryId(index: number, id: string) {
    const row = form.value.categories[index];
    if (!row) return;
    const old = row.id;
    row.id = id;
    if (old !== "") for (const w of form.value.windows) w.categories = w.categories.map((c) => (c === old ? id : c));
    touch(`categories.${index}.id`);
  }
  function addWindow() {
    form.value.windows.push(newWindowRow());
    touch("windows");
  }
  function removeWindow(index: number) {
    form.value.windows.splice(index, 1);
    touch("windows");
  }
  function toggleWindowCategory(index: number, categoryId: string, on: boolean) {
    const w = form.value.windows[index];
    if (!w) return;
    const rest = w.categories.filter((c) => c !== categoryId);
    w.categories = on ? [...rest, categoryId] : rest;
    touch(`windows.${index}.categories`);
  }

  /** Opening hours (issue #10): a new row after the last one's weekday, or a Monday–Friday preset. */
  function addOpeningHours() {
    const last = form.value.openingHours.at(-1);
    form.value.openingHours.push(newOpeningRow(last ? Math.min(7, last.weekday + 1) : 1));
    touch("openingHours");
  }
  function removeOpeningHours(index: number) {
    form.value.openingHours.splice(index, 1);
    touch("openingHours");
  }
  function presetWorkingWeek() {
    form.value.openingHours = [1, 2, 3, 4, 5].flatMap((d) => [newOpeningRow(d, "09:00", "12:00"), newOpeningRow(d, "13:30", "17:00")]);
    touch("openingHours");
  }

  /** Leaving the page: a "saved" note is not news next time. */
  function acknowledge(): void {
    if (saveState.value === "saved") saveState.value = "idle";
  }

  function startCreate(): void {
    creating.value = true;
    newHallId.value = "";
    form.value = emptyForm();
    clearFeedback();
  }

  function discard(): void {
    creating.value = false;
    clearFeedback();
    if (saved.value) adopt(saved.value);
    else form.value = emptyForm();
  }

  async function save(): Promise<boolean> {
    if (readOnly.value) return false;
    showAll.value = true;
    saveError.value = null;
    if (clientIssues.value.size > 0) {
      saveState.value = "invalid";
      return false;
    }
    const target = creating.value ? newHallId.value.trim() : hallId.value;
    if (!target) return false;
    saveState.value = "saving";
    try {
      const config = await session.call<HallConfig>("PUT", `/api/halls/${encodeURIComponent(target)}`, configFromForm(form.value));
      adopt(config);
      creating.value = false;
      hallId.value = target;
      touched.value = new Set();
      showAll.value = false;
      saveState.value = "saved";
    } catch (e) {
      saveError.value = asApiError(e);
      saveState.value = "failed";
      return false;
    }
    try {
      // The hall list shows names, and a new hall joins it.
      await session.refreshHalls(target);
    } catch {
      // the configuration is saved; the list refreshes on the next visit
    }
    return true;
  }

  return {
    hallId,
    saved,
    form,
    creating,
    newHallId,
    loading,
    loadError,
    saveState,
    saveError,
    serverIssue,
    clientIssues,
    visibleIssueCount,
    readOnly,
    timezone,
    dirty,
    issueFor,
    load,
    touch,
    addCategory,
    removeCategory,
    setCategoryId,
    addWindow,
    removeWindow,
    toggleWindowCategory,
    addOpeningHours,
    removeOpeningHours,
    presetWorkingWeek,
    startCreate,
    acknowledge,
    discard,
    save,
  };
});
