// The fake API's 好差评 follow-up routes, on the FakeApi's state, as the server answers them: who may read
// and who may move a case, the list's filters, the report, and a transition's 409 and 400. Used by tests
// only.
import type { FollowUpCase, FollowUpState, WhoAmI } from "../../../../../contract/index.js";
import { nextStates } from "../../../stores/admin-followups.js";
import type { FakeApi } from "./fake-api.js";
import { error, type Reply } from "./fake-reply.js";

/** The follow-up routes: list with state / windowId / overdue filters, report, transition (409, 400). */
export function routeFollowUps(api: FakeApi, method: string, url: URL, me: WhoAmI, body: unknown): Reply | null {
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
