// The fake API's routes of 事项清单 (item lists: versions, diff, import), 一致性 (consistency report,
// history, CSV) and 节假日日历 (calendar years), on the FakeApi's state, with the server's roles. Used by
// tests only.
import type { WhoAmI } from "../../../../../contract/index.js";
import type { FakeApi } from "./fake-api.js";
import { error, type Reply } from "./fake-reply.js";

/** Item lists, consistency and the calendar: the routes of 事项清单, 一致性 and 节假日日历. */
export function routeLists(api: FakeApi, method: string, url: URL, me: WhoAmI, body: unknown): Reply | null {
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
