// The tokens of the chosen hall (admin only): list, create — the secret is held only until dismissed,
// never stored — and revoke.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import { createTokenSchema, type CreatedToken, type Role, type TokenInfo } from "../../../contract/index.js";
import { ApiError } from "../api/http.js";
import { messageWithoutField } from "../composables/admin-config-form.js";
import { useAdminSession } from "./admin-session.js";

export interface TokenDraft {
  role: Role;
  windowId: string;
  label: string;
}

export interface TokenFieldIssue {
  field: "role" | "windowId" | "label" | "form";
  message: string;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, "network", String(e)));

/** The POST body of a draft; empty window and label are left out. */
export function tokenRequest(draft: TokenDraft, hallId: string) {
  const label = draft.label.trim();
  return {
    role: draft.role,
    hallId,
    ...(draft.role === "staff" && draft.windowId !== "" ? { windowId: draft.windowId } : {}),
    ...(label !== "" ? { label } : {}),
  };
}

/** The first problem of a draft by the contract's rules, or null. */
export function tokenDraftIssue(draft: TokenDraft, hallId: string): TokenFieldIssue | null {
  const result = createTokenSchema.safeParse(tokenRequest(draft, hallId));
  if (result.success) return null;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? "form");
  return { field: field === "role" || field === "windowId" || field === "label" ? field : "form", message: issue?.message ?? "invalid" };
}

export const useTokensStore = defineStore("admin-tokens", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const tokens = shallowRef<TokenInfo[]>([]);
  const loading = ref(false);
  const loadError = shallowRef<ApiError | null>(null);
  /** The token just created, with its secret: shown once, then dismissed. */
  const created = shallowRef<CreatedToken | null>(null);
  const creating = ref(false);
  const createError = shallowRef<ApiError | null>(null);
  const revokingId = ref<string | null>(null);
  const revokeError = shallowRef<ApiError | null>(null);

  /** Active tokens first, newest first within each group. */
  const sorted = computed(() =>
    [...tokens.value].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt)),
  );
  const activeCount = computed(() => tokens.value.filter((t) => t.revokedAt === null).length);

  /** The server's 400 on create, placed on the form's field. */
  const createIssue = computed<TokenFieldIssue | null>(() => {
    const e = createError.value;
    if (!e || e.code !== "bad_request") return null;
    const key = e.field?.split(".")[0] ?? "form";
    const field = key === "role" || key === "windowId" || key === "label" ? key : "form";
    return { field, message: messageWithoutField(e.message, e.field) };
  });

  async function load(id: string): Promise<void> {
    if (hallId.value !== id) created.value = null;
    hallId.value = id;
    loading.value = true;
    loadError.value = null;
    try {
      const res = await session.call<{ tokens: TokenInfo[] }>("GET", `/api/tokens?hallId=${encodeURIComponent(id)}`);
      if (hallId.value === id) tokens.value = res.tokens;
    } catch (e) {
      if (hallId.value === id) loadError.value = asApiError(e);
    } finally {
      loading.value = false;
    }
  }

  async function create(draft: TokenDraft): Promise<CreatedToken | null> {
    const id = hallId.value;
    if (!id) return null;
    creating.value = true;
    createError.value = null;
    created.value = null;
    try {
      const token = await session.call<CreatedToken>("POST", "/api/tokens", tokenRequest(draft, id));
      created.value = token;
      await load(id);
      return token;
    } catch (e) {
      createError.value = asApiError(e);
      return null;
    } finally {
      creating.value = false;
    }
  }

  function dismissCreated(): void {
    created.value = null;
  }

  async function revoke(tokenId: string): Promise<boolean> {
    revokingId.value = tokenId;
    revokeError.value = null;
    try {
      await session.call<void>("DELETE", `/api/tokens/${encodeURIComponent(tokenId)}`);
      if (created.value?.id === tokenId) created.value = null;
      if (hallId.value) await load(hallId.value);
      return true;
    } catch (e) {
      revokeError.value = asApiError(e);
      return false;
    } finally {
      revokingId.value = null;
    }
  }

  return { hallId, tokens, sorted, activeCount, loading, loadError, created, creating, createError, createIssue, revokingId, revokeError, load, create, dismissCreated, revoke };
});
