// Test support for the admin pages: an in-memory stand-in for the REST routes they use (me, halls, hall
// configuration, tokens, quarantine, item lists, consistency, calendar, 好差评 follow-ups) with the contract's roles and
// error body, installed as `fetch`, and a mount helper with pinia, vue-i18n (zh-CN) and a memory router.
// Used by tests only.
import { mount, flushPromises } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { vi } from "vitest";
import type { Component } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import {
  hallConfigSchema,
  type ConsistencyReport,
  type FollowUpCase,
  type FollowUpReport,
  type FollowUpState,
  type HallConfig,
  type ItemDiff,
  type ItemListVersion,
  type Role,
  type ServiceItem,
  type TokenInfo,
  type WhoAmI,
} from "../../../../../contract/index.js";
import type { ImportAnswer } from "../../../stores/admin-item-import-helpers.js";
import type { AdminYear } from "../../../stores/admin-calendar.js";
import { nextStates } from "../../../stores/admin-followups.js";
import type { HistoryRow } from "../../../stores/admin-consistency.js";
import { i18n, setLocale } from "../../../i18n/index.js";
import { useHallConfigStore } from "../../../stores/admin-hall-config.js";
import type { QuarantineItem } from "../../../stores/admin-quarantine.js";
import { useAdminSession } from "../../../stores/admin-session.js";

export interface Call {
  method: string;
  path: string;
  token: string | null;
  body: unknown;
  /** A body that is not JSON text (an uploaded file). */
  raw?: unknown;
  contentType?: string | null;
}

interface Reply {
  status: number;
  body?: unknown;
  /** A reply that is not JSON (the CSV export). */
  text?: string;
  type?: string;
}

export interface FakeVersion extends ItemListVersion {
  items: ServiceItem[];
}

const error = (status: number, code: string, message: string, field?: string): Reply => ({ status, body: { error: { code, message, ...(field ? { field } : {}) } } });

export const sampleHall = (): HallConfig => ({
  name: "县政务服务中心",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "social", name: "社会保险", itemCodes: ["SB-001", "SB-002"] },
    { id: "estate", name: "不动产登记", itemCodes: ["BDC-001"] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号窗口", department: "人社局", categories: ["social"], comprehensive: true },
    { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["estate"] },
  ],
  targets: { waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35 },
});

export class FakeApi {
  readonly calls: Call[] = [];
  readonly halls = new Map<string, HallConfig>();
  readonly principals = new Map<string, WhoAmI>();
  tokens: TokenInfo[] = [];
  quarantine: QuarantineItem[] = [];
  /** Item-list versions per "hallId:source", oldest first. */
  readonly versions = new Map<string, FakeVersion[]>();
  /** The answers of POST …/items/:source, in order (each one used once; the last one repeats). */
  importReplies: { status: number; body: ImportAnswer }[] = [];
  diffs: ItemDiff[] = [];
  report: ConsistencyReport = { findings: [], advice: [] };
  history: HistoryRow[] = [];
  csv = "\uFEFFrule,severity\r\n";
  calendar: { officialYears: number[]; adminYears: AdminYear[] } = { officialYears: [2025, 2026], adminYears: [] };
  /** 好差评 follow-up cases (the list route filters them as the server does) and the report. */
  followUps: FollowUpCase[] = [];
  followUpReport: FollowUpReport = { byMonth: [], byWindow: [] };
  /**
   * Extra routes a page's tests add (history, staffing, what-if …): tried before the built-in ones,
   * the first non-null reply wins.
   */
  readonly extraRoutes: ((method: string, url: URL, me: WhoAmI, body: unknown) => Reply | null)[] = [];
  /** Answers the next request of this method with this reply instead (e.g. a server 400). */
  override: { method: string; reply: Reply } | null = null;
  private n = 0;

  constructor() {
    this.halls.set("h1", sampleHall());
  }

  /** Registers a token secret of a role; returns the secret. */
  principal(secret: string, role: Role, hallId: string | null = "h1", windowId: string | null = null, label: string | null = null): string {
    const id = `tok_${secret}`;
    this.principals.set(secret, { tokenId: id, role, hallId, windowId, label });
    this.tokens.push({ id, role, hallId, windowId, label, createdAt: "2026-11-25T01:00:00.000Z", revokedAt: null });
    return secret;
  }

  callsTo(method: string, prefix: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path.startsWith(prefix));
  }

  install(): this {
    vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      const auth = new Headers(init.headers).get("authorization");
      const token = auth?.startsWith("Bearer ") ? auth.slice(7) : null;
      const body = typeof init.body === "string" && !init.body.startsWith("\uFEFF") ? safeParse(init.body) : undefined;
      const raw = body === undefined ? init.body : undefined;
      this.calls.push({ method, path: input, token, body, raw, contentType: new Headers(init.headers).get("content-type") });
      const reply = this.override?.method === method ? this.override.reply : this.route(method, input, token, body);
      if (this.override?.method === method) this.override = null;
      if (reply.text !== undefined) return new Response(new TextEncoder().encode(reply.text), { status: reply.status, headers: { "content-type": reply.type ?? "text/plain" } });
      return new Response(reply.status === 204 ? null : JSON.stringify(reply.body ?? null), { status: reply.status, headers: { "content-type": "application/json" } });
    });
    return this;
  }

  private route(method: string, path: string, token: string | null, body: unknown): Reply {
    const me = token ? this.principals.get(token) : undefined;
    if (!me || this.tokens.find((t) => t.id === me.tokenId)?.revokedAt) return error(401, "unauthorized", "unauthorized");
    const url = new URL(path, "http://x");
    const isAdmin = me.role === "admin";
    const reaches = (hallId: string | null) => me.hallId === null || me.hallId === hallId;
    if (url.pathname === "/api/me") return { status: 200, body: me };
    if (url.pathname === "/api/halls") {
      const ids = me.hallId === null ? [...this.halls.keys()] : this.halls.has(me.hallId) ? [me.hallId] : [];
      return { status: 200, body: { halls: ids.map((id) => ({ hallId: id, name: this.halls.get(id)?.name ?? id })) } };
    }
    const hall = /^\/api\/halls\/([^/]+)$/.exec(url.pathname);
    if (hall) {
      const id = decodeURIComponent(hall[1] ?? "");
      if (!reaches(id)) return error(403, "forbidden", "forbidden");
      if (method === "GET") return this.halls.has(id) ? { status: 200, body: this.halls.get(id) } : error(404, "not_found", "hall not found");
      if (!isAdmin) return error(403, "forbidden", "forbidden");
      const parsed = hallConfigSchema.safeParse(body);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join(".") ?? "body";
        return error(400, "bad_request", `${field}: ${parsed.error.issues[0]?.message}`, field);
      }
      const created = !this.halls.has(id);
      this.halls.set(id, parsed.data);
      return { status: created ? 201 : 200, body: parsed.data };
    }
    const q = /^\/api\/halls\/([^/]+)\/quarantine$/.exec(url.pathname);
    if (q) {
      if (!isAdmin || !reaches(q[1] ?? null)) return error(403, "forbidden", "forbidden");
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const before = url.searchParams.get("before");
      const items = this.quarantine
        .filter((i) => i.hallId === q[1] && (before === null || i.id < Number(before)))
        .sort((a, b) => b.id - a.id)
        .slice(0, limit);
      return { status: 200, body: { items } };
    }
    for (const extra of this.extraRoutes) {
      const reply = extra(method, url, me, body);
      if (reply) return reply;
    }
    const lists = routeLists(this, method, url, me, body);
    if (lists) return lists;
    const followUps = routeFollowUps(this, method, url, me, body);
    if (followUps) return followUps;
    if (url.pathname.startsWith("/api/tokens")) {
      if (!isAdmin) return error(403, "forbidden", "forbidden");
      if (method === "GET") return { status: 200, body: { tokens: this.tokens.filter((t) => t.hallId === url.searchParams.get("hallId")) } };
      if (method === "POST") {
        const req = body as { role: Role; hallId: string; windowId?: string; label?: string };
        if (req.windowId && !this.halls.get(req.hallId)?.windows.some((w) => w.id === req.windowId))
          return error(400, "bad_request", `windowId: unknown window "${req.windowId}"`, "windowId");
        this.n += 1;
        const secret = `hp_secret${this.n}${"x".repeat(30)}`;
        const id = `tok_new${this.n}`;
        this.principals.set(secret, { tokenId: id, role: req.role, hallId: req.hallId, windowId: req.windowId ?? null, label: req.label ?? null });
        this.tokens.push({ id, role: req.role, hallId: req.hallId, windowId: req.windowId ?? null, label: req.label ?? null, createdAt: "2026-11-25T02:00:00.000Z", revokedAt: null });
        return { status: 201, body: { id, token: secret, ...req } };
      }
      if (method === "DELETE") {
        const id = decodeURIComponent(url.pathname.split("/").pop() ?? "");
        const t = this.tokens.find((x) => x.id === id);
        if (!t) return error(404, "not_found", "token not found");
        t.revokedAt = "2026-11-25T03:00:00.000Z";
        return { status: 204 };
      }
    }
    return error(404, "not_found", "no route");
  }
}

const safeParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Item lists, consistency and the calendar: the routes of 事项清单, 一致性 and 节假日日历. */
function routeLists(api: FakeApi, method: string, url: URL, me: WhoAmI, body: unknown): Reply | null {
  const isAdmin = me.role === "admin";
  const reaches = (hallId: string) => me.hallId === null || me.hallId === hallId;
  const items = /^\/api\/halls\/([^/]+)\/items\/(online|hall)(\/versions|\/diff)?$/.exec(url.pathname);
  if (items) {
    const [, hallId = "", source = "", sub] = items;
    if (!reaches(hallId)) return error(403, "forbidden", "forbidden");
    const list = api.versions.get(`${hallId}:${source}`) ?? [];
    if (method === "POST") {
      if (!isAdmin) return error(403, "forbidden", "forbidden");
      const reply = api.importReplies.length > 1 ? api.importReplies.shift() : api.importReplies[0];
      if (!reply) return error(400, "bad_request", "body: empty file");
      if (reply.status === 201 && reply.body.version !== null) {
        const v = { version: reply.body.version, source: source as "online", importedAt: "2026-11-25T02:00:00.000Z", itemCount: reply.body.imported, format: "csv" as const, skippedRows: reply.body.rejectedRows, items: [] };
        api.versions.set(`${hallId}:${source}`, [...list, v]);
      }
      return { status: reply.status, body: reply.body };
    }
    if (sub === "/versions") return { status: 200, body: { versions: list.map(({ items: _i, ...v }) => v) } };
    if (sub === "/diff") {
      const from = Number(url.searchParams.get("from"));
      const to = Number(url.searchParams.get("to"));
      const d = api.diffs.find((x) => x.from === from && x.to === to);
      return d ? { status: 200, body: d } : error(404, "not_found", "item list version not found");
    }
    const wanted = url.searchParams.get("version");
    const v = wanted ? list.find((x) => x.version === Number(wanted)) : list.at(-1);
    return v ? { status: 200, body: { version: v.version, items: v.items } } : error(404, "not_found", "item list version not found");
  }
  const cons = /^\/api\/halls\/([^/]+)\/consistency(\/history)?$/.exec(url.pathname);
  if (cons) {
    if (!reaches(cons[1] ?? "") || (me.role !== "admin" && me.role !== "manager")) return error(403, "forbidden", "forbidden");
    if (cons[2]) return { status: 200, body: { since: "2026-08-27T00:00:00.000Z", findings: api.history } };
    if (url.searchParams.get("format") === "csv") return { status: 200, text: api.csv, type: "text/csv; charset=utf-8" };
    const rule = url.searchParams.get("rule");
    return { status: 200, body: { findings: api.report.findings.filter((f) => !rule || f.rule === rule), advice: api.report.advice } };
  }
  if (url.pathname === "/api/calendar") return me.role === "admin" || me.role === "manager" ? { status: 200, body: api.calendar } : error(403, "forbidden", "forbidden");
  const year = /^\/api\/calendar\/(\d{4})$/.exec(url.pathname);
  if (year) {
    if (!isAdmin || me.hallId !== null) return error(403, "forbidden", "forbidden");
    const y = Number(year[1]);
    const rest = api.calendar.adminYears.filter((a) => a.year !== y);
    if (method === "DELETE") {
      if (rest.length === api.calendar.adminYears.length) return error(404, "not_found", "calendar year not found");
      api.calendar = { ...api.calendar, adminYears: rest };
      return { status: 204 };
    }
    const b = body as { holidays: string[]; workdays: string[] };
    api.calendar = { ...api.calendar, adminYears: [...rest, { year: y, holidays: b.holidays, workdays: b.workdays }] };
    return { status: 200, body: { year: y, ...b } };
  }
  return null;
}

/** The follow-up routes: list with state / windowId / overdue filters, report, transition (409, 400). */
function routeFollowUps(api: FakeApi, method: string, url: URL, me: WhoAmI, body: unknown): Reply | null {
  const m = /^\/api\/halls\/([^/]+)\/followups(?:\/(report)|\/(\d+)\/transition)?$/.exec(url.pathname);
  if (!m) return null;
  const [, hallId = "", report, id] = m;
  // As the server: the overseer (issue #11) reads, never moves a case.
  const reads = me.role === "overseer" && method === "GET";
  if ((me.hallId !== null && me.hallId !== hallId) || (me.role !== "admin" && me.role !== "manager" && !reads)) return error(403, "forbidden", "forbidden");
  if (report) return { status: 200, body: api.followUpReport };
  if (id === undefined) {
    const state = url.searchParams.get("state");
    const windowId = url.searchParams.get("windowId");
    const overdue = url.searchParams.get("overdue") === "true";
    const cases = api.followUps.filter((c) => c.hallId === hallId && (!state || c.state === state) && (!windowId || c.windowId === windowId) && (!overdue || c.overdue));
    return { status: 200, body: { cases } };
  }
  if (method !== "POST") return error(404, "not_found", "no route");
  const c = api.followUps.find((x) => x.hallId === hallId && x.id === Number(id));
  if (!c) return error(404, "not_found", "follow-up case not found");
  const req = body as { to: FollowUpState; note?: string };
  if (req.note && /(?<![A-Za-z0-9])1[3-9]\d{9}(?![A-Za-z0-9])/.test(req.note)) return error(400, "bad_request", "looks like personal data (a phone or ID number); do not record it", "note");
  if (!nextStates(c.state).includes(req.to)) return error(409, "conflict", `a case in state "${c.state}" cannot move to "${req.to}"`, "to");
  const closed = ["reviewed", "upheld", "withdrawn"].includes(req.to);
  const next: FollowUpCase = {
    ...c,
    state: req.to,
    overdue: closed ? false : c.overdue,
    history: [...c.history, { state: req.to, at: "2026-11-25T03:00:00.000Z", note: req.note ?? null, by: me.label ?? me.tokenId }],
  };
  api.followUps = api.followUps.map((x) => (x === c ? next : x));
  return { status: 200, body: next };
}

export function freshPinia() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

const Empty = { render: () => null };

/**
 * Mounts a component with pinia, i18n (zh-CN) and a memory router at `path`. With `token`, signs in
 * first and loads the chosen hall's configuration (what AdminLayout does). Waits for the requests.
 */
export async function mountAdmin(component: Component, opts: { path?: string; token?: string; stubs?: Record<string, boolean> } = {}) {
  setLocale("zh-CN");
  const pinia = freshPinia();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ["/admin/config", "/admin/tokens", "/admin/quarantine", "/admin/items", "/admin/items/diff", "/admin/consistency", "/admin/calendar", "/admin/followups", "/admin/history", "/admin/report", "/admin/staffing", "/admin/whatif", "/admin/forecast"].map((p) => ({ path: p, component: Empty })),
  });
  await router.push(opts.path ?? "/admin/config");
  if (opts.token) {
    const session = useAdminSession();
    await session.signIn(opts.token);
    if (session.hallId) await useHallConfigStore().load(session.hallId);
  }
  const wrapper = mount(component, { global: { plugins: [pinia, i18n, router], ...(opts.stubs ? { stubs: opts.stubs } : {}) }, attachTo: document.body });
  await settle();
  return { wrapper, pinia, router };
}

/** Lets pending fetches and renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flushPromises();
}
