// Test support for the admin pages: an in-memory stand-in for the REST routes they use, with the
// contract's roles and error body, installed as `fetch`. Here: recording the calls, one-off overrides, a
// page's extra routes, and the routes of identity, halls, hall configuration, quarantine and tokens; the
// item list / consistency / calendar routes and the 好差评 follow-up routes are in their own modules. The
// mount helper and the sample hall are re-exported from here, where the tests have always found them.
// Used by tests only.
import { vi } from "vitest";
import {
  hallConfigSchema,
  type ConsistencyReport,
  type FollowUpCase,
  type FollowUpReport,
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
import type { HistoryRow } from "../../../stores/admin-consistency.js";
import type { QuarantineItem } from "../../../stores/admin-quarantine.js";
import { routeFollowUps } from "./fake-followups-routes.js";
import { routeLists } from "./fake-lists-routes.js";
import { error, type Reply } from "./fake-reply.js";
import { sampleHall } from "./sample-hall.js";

export { freshPinia, mountAdmin, settle } from "./mount-admin.js";
export { sampleHall } from "./sample-hall.js";

export interface Call {
  method: string;
  path: string;
  token: string | null;
  body: unknown;
  /** A body that is not JSON text (an uploaded file). */
  raw?: unknown;
  contentType?: string | null;
}

export interface FakeVersion extends ItemListVersion {
  items: ServiceItem[];
}

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
