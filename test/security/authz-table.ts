// Who may do what: every REST route and every socket.io handshake and client→server event, against every
// kind of caller, with the outcome each cell must have. test/integration/authz-matrix.{rest,sockets}.int.test.ts
// run every cell against the real server and fail on any difference; authz-matrix.coverage.int.test.ts
// fails when the express app has an API route that no row lists (or a row names a route the app does not have).
//
// Callers (columns): the hall under test is HALL ("authz-a", windows w1, w2, w3); OTHER ("authz-b") is
// a second hall with the same layout.
//   gAdm  bootstrap admin (no hall)          bAdm  admin of OTHER
//   adm   admin of HALL                      bMgr  manager of OTHER
//   mgr   manager of HALL                    bStf  staff of OTHER (window w1)
//   st1   staff of HALL, window w1 (this)    bDev  device of OTHER
//   st2   staff of HALL, window w2 (another) bDsp  display of OTHER
//   dev   device of HALL                     revk  a revoked admin token of HALL
//   dsp   display of HALL                    none  no token at all
//   ovs   overseer (no hall, issue #11): reads GET /api/overview, and every hall read-only — the GET routes
//         a manager reads and the /display wall (server/adapters/http/auth.ts `allowRead`); every write: 403
//
// REST cells are HTTP statuses: 2xx = allowed (the request is well-formed, so the route answers its
// success status), 401 = not authenticated, 403 = authenticated but not allowed.
// Socket cells:
//   "connect"            the handshake succeeds
//   "refused:<code>"     connect_error with err.data.code (an event row: the handshake is already refused)
//   "ok"                 the event's ack is { ok: true }
//   "rejected:<field>"   ack { ok: true } but the event was rejected naming <field>
//   "ack:<code>:<field>" ack { ok: false, error: { code, field } }
//
// Placeholders in paths and bodies, filled in by the test per cell: {uid} a fresh id, {now} the time,
// {tokenId} a fresh device token of HALL (setup "victimToken") or of OTHER ("victimTokenOther"), or a
// fresh admin token without hall ("victimTokenGlobal"),
// {caseId} a fresh open follow-up case ("followupCase"), {ticketId} a fresh ticket called to w1
// ("ticketAtW1"), {yesterday} the hall's previous local date. Setup "calendarYear" makes sure
// CALENDAR_YEAR holds an admin-entered calendar before the cell.
//
// Adding a route: add its row below (the guard test names what is missing), with the outcome of every
// column; a row is one route (a second row for the same route is a named `variant`).

import { testHall } from "../helpers/hall-fixture.js";

export const HALL = "authz-a";
export const OTHER = "authz-b";
/** A year without official holiday data, so that an admin may enter it. */
export const CALENDAR_YEAR = 2099;

export const COLUMNS = ["gAdm", "adm", "mgr", "st1", "st2", "dev", "dsp", "bAdm", "bMgr", "bStf", "bDev", "bDsp", "revk", "none", "ovs"] as const;
export type Column = (typeof COLUMNS)[number];

type Row15<T> = readonly [T, T, T, T, T, T, T, T, T, T, T, T, T, T, T];

export type Setup = "victimToken" | "victimTokenOther" | "victimTokenGlobal" | "followupCase" | "calendarYear" | "ticketAtW1";

export interface RestRow {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The route exactly as the express app declares it (checked by the guard test). */
  route: string;
  variant?: string;
  /** The path sent (placeholders allowed). */
  path: string;
  body?: unknown;
  setup?: Setup;
  expect: Record<Column, number>;
}

export type SocketNamespace = "/ingest" | "/display" | "/staff" | "/overview";

export interface SocketRow {
  namespace: SocketNamespace;
  /** "handshake" or the client→server event name. */
  event: "handshake" | "event" | "events" | "resync" | "action" | "view";
  variant?: string;
  /** The event's argument (placeholders allowed); `view` has none. */
  payload?: unknown;
  setup?: Setup;
  expect: Record<Column, string>;
}

const cells = <T>(values: Row15<T>): Record<Column, T> => Object.fromEntries(COLUMNS.map((c, i) => [c, values[i]])) as Record<Column, T>;

const rest = (method: RestRow["method"], route: string, values: Row15<number>, opts: Partial<Pick<RestRow, "path" | "body" | "setup" | "variant">> = {}): RestRow => ({
  method,
  route,
  path: opts.path ?? route.replace(":hallId", HALL),
  ...(opts.body !== undefined ? { body: opts.body } : {}),
  ...(opts.setup ? { setup: opts.setup } : {}),
  ...(opts.variant ? { variant: opts.variant } : {}),
  expect: cells(values),
});

const H = `/api/halls/${HALL}`;
const ITEM = { code: "SB-001", name: "养老保险参保登记", department: "人社局", promisedDays: 5, maxVisits: 1 };
const ev = (fields: Record<string, unknown>) => ({ id: "{uid}", hallId: HALL, ts: "{now}", ...fields });

// prettier-ignore
export const REST_TABLE: readonly RestRow[] = [
  //                                                           gAdm adm  mgr  st1  st2  dev  dsp  bAdm bMgr bStf bDev bDsp revk none ovs
  rest("GET",    "/api/health",                               [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
  rest("GET",    "/api/me",                                   [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 200]),
  rest("GET",    "/api/halls",                                [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 200]),
  rest("PUT",    "/api/halls/:hallId",                        [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { body: testHall }),
  rest("PUT",    "/api/halls/:hallId",                        [201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { variant: "a new hall", path: "/api/halls/authz-new-{uid}", body: testHall }),
  rest("GET",    "/api/halls/:hallId",                        [200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("POST",   "/api/tokens",                               [201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { body: { role: "display", hallId: HALL } }),
  rest("POST",   "/api/tokens",                               [201, 403, 403, 403, 403, 403, 403, 201, 403, 403, 403, 403, 401, 401, 403], { variant: "a token of OTHER", body: { role: "display", hallId: OTHER } }),
  rest("POST",   "/api/tokens",                               [201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { variant: "a global admin token", body: { role: "admin" } }),
  rest("POST",   "/api/tokens",                               [201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { variant: "an overseer token (issue #11)", body: { role: "overseer" } }),
  rest("GET",    "/api/tokens",                               [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { path: `/api/tokens?hallId=${HALL}` }),
  rest("DELETE", "/api/tokens/:id",                           [204, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { path: "/api/tokens/{tokenId}", setup: "victimToken" }),
  rest("DELETE", "/api/tokens/:id",                           [204, 403, 403, 403, 403, 403, 403, 204, 403, 403, 403, 403, 401, 401, 403], { variant: "a token of OTHER", path: "/api/tokens/{tokenId}", setup: "victimTokenOther" }),
  rest("DELETE", "/api/tokens/:id",                           [204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { variant: "an admin token without hall", path: "/api/tokens/{tokenId}", setup: "victimTokenGlobal" }),
  rest("POST",   "/api/halls/:hallId/events",                 [200, 200, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 401, 401, 403], { body: [] }),
  rest("GET",    "/api/halls/:hallId/load",                   [200, 200, 200, 403, 403, 403, 200, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("GET",    "/api/halls/:hallId/quarantine",             [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403]),
  rest("POST",   "/api/halls/:hallId/items/:source",          [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { path: `${H}/items/online?dryRun=true`, body: [ITEM] }),
  rest("GET",    "/api/halls/:hallId/items/:source",          [200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/items/online` }),
  rest("GET",    "/api/halls/:hallId/items/:source/versions", [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/items/online/versions` }),
  rest("GET",    "/api/halls/:hallId/items/:source/diff",     [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/items/online/diff?from=1&to=2` }),
  rest("GET",    "/api/halls/:hallId/followups",              [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("GET",    "/api/halls/:hallId/followups/report",       [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("POST",   "/api/halls/:hallId/followups/:id/transition", [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { path: `${H}/followups/{caseId}/transition`, body: { to: "contacted" }, setup: "followupCase" }),
  rest("GET",    "/api/halls/:hallId/history",                [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/history?from=2026-01-01&to=2026-01-07&groupBy=window` }),
  rest("GET",    "/api/halls/:hallId/history/status",         [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("POST",   "/api/halls/:hallId/history/rebuild",        [202, 202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403]),
  rest("GET",    "/api/halls/:hallId/staffing",               [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("GET",    "/api/halls/:hallId/heatmap",                [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/heatmap?kind=arrivals&from=2026-01-01&to=2026-01-07` }),
  rest("GET",    "/api/halls/:hallId/report/monthly",         [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/report/monthly?month=2026-01` }),
  rest("GET",    "/api/halls/:hallId/rebalance",              [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("GET",    "/api/halls/:hallId/forecast",               [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("POST",   "/api/halls/:hallId/whatif",                 [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { body: { date: "{yesterday}", allocation: { windows: [] } } }),
  rest("GET",    "/api/halls/:hallId/floor/calibration",      [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/floor/calibration?from=2026-01-01&to=2026-01-07` }),
  rest("GET",    "/api/halls/:hallId/floor/data-quality",     [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200], { path: `${H}/floor/data-quality?day={yesterday}` }),
  rest("GET",    "/api/halls/:hallId/consistency",            [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("GET",    "/api/halls/:hallId/consistency/history",    [200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  rest("GET",    "/api/calendar",                             [200, 200, 200, 403, 403, 403, 403, 200, 200, 403, 403, 403, 401, 401, 200]),
  rest("PUT",    "/api/calendar/:year",                       [200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { path: `/api/calendar/${CALENDAR_YEAR}`, body: { holidays: [`${CALENDAR_YEAR}-01-01`], workdays: [] } }),
  rest("DELETE", "/api/calendar/:year",                       [204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 403], { path: `/api/calendar/${CALENDAR_YEAR}`, setup: "calendarYear" }),
  // Issue #11: the province overview, only for tokens that span halls (never a hall's own admin).
  rest("GET",    "/api/overview",                             [200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 200]),
  // Issue #10: anonymous and the same for every caller, token or not. HALL has not opted in to the public
  // page, so every caller gets 404 — as for an unknown hall (test/integration/public-api.int.test.ts
  // covers an opted-in hall).
  rest("GET",    "/api/public/halls/:hallId",                 [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  rest("GET",    "/api/public/halls/:hallId/tickets/:number", [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404], { path: `/api/public/halls/${HALL}/tickets/A001` }),
  rest("GET",    "/api/open-data/halls/:hallId/daily.json",   [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  rest("GET",    "/api/open-data/halls/:hallId/daily.csv",    [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
];

const sock = (namespace: SocketNamespace, event: SocketRow["event"], values: Row15<string>, opts: Partial<Pick<SocketRow, "payload" | "setup" | "variant">> = {}): SocketRow => ({
  namespace,
  event,
  ...(opts.payload !== undefined ? { payload: opts.payload } : {}),
  ...(opts.setup ? { setup: opts.setup } : {}),
  ...(opts.variant ? { variant: opts.variant } : {}),
  expect: cells(values),
});

const C = "connect";
const OK = "ok";
const F = "refused:forbidden";
const U = "refused:unauthorized";

// Every handshake sends `auth: { token, hallId: HALL }`: the caller asks for the hall under test.
// prettier-ignore
export const SOCKET_TABLE: readonly SocketRow[] = [
  //                                   gAdm adm mgr st1 st2 dev dsp bAdm bMgr bStf bDev bDsp revk none ovs
  sock("/ingest",  "handshake",         [C,  C,  F,  F,  F,  C,  F,  F,   F,   F,   F,   F,   U,   U,  F]),
  sock("/ingest",  "event",             [OK, OK, F,  F,  F,  OK, F,  F,   F,   F,   F,   F,   U,   U,  F], { payload: ev({ type: "ticket.issued", ticketId: "{uid}", ticketNo: "A001", categoryId: "estate", channel: "kiosk" }) }),
  sock("/ingest",  "event",             ["rejected:hallId", "rejected:hallId", F, F, F, "rejected:hallId", F, F, F, F, F, F, U, U,  F],
    { variant: "an event naming the other hall", payload: { ...ev({ type: "ticket.issued", ticketId: "{uid}", ticketNo: "A001", categoryId: "estate", channel: "kiosk" }), hallId: OTHER } }),
  sock("/ingest",  "events",            [OK, OK, F,  F,  F,  OK, F,  F,   F,   F,   F,   F,   U,   U,  F], { payload: [] }),
  sock("/display", "handshake",         [C,  C,  C,  F,  F,  F,  C,  F,   F,   F,   F,   F,   U,   U,  C]),
  sock("/display", "resync",            [OK, OK, OK, F,  F,  F,  OK, F,   F,   F,   F,   F,   U,   U,  OK], { payload: null }),
  sock("/staff",   "handshake",         [F,  F,  F,  C,  C,  F,  F,  F,   F,   F,   F,   F,   U,   U,  F]),
  sock("/staff",   "view",              [F,  F,  F,  OK, OK, F,  F,  F,   F,   F,   F,   F,   U,   U,  F]),
  sock("/staff",   "action",            [F,  F,  F,  OK, "ack:forbidden:windowId", F, F, F, F, F, F, F, U, U,  F],
    { variant: "window.opened naming window w1", payload: { id: "{uid}", type: "window.opened", staffId: "s-0001", windowId: "w1" } }),
  sock("/staff",   "action",            [F,  F,  F,  OK, "ack:forbidden:ticketId", F, F, F, F, F, F, F, U, U,  F],
    { variant: "service.started of a ticket called to w1", payload: { id: "{uid}", type: "service.started", ticketId: "{ticketId}" }, setup: "ticketAtW1" }),
  sock("/staff",   "action",            [F,  F,  F,  OK, "ack:forbidden:windowId", F, F, F, F, F, F, F, U, U,  F],
    { variant: "ticket.transferred from w1", payload: { id: "{uid}", type: "ticket.transferred", ticketId: "{ticketId}", fromWindowId: "w1", toCategoryId: "estate" }, setup: "ticketAtW1" }),
  // The province overview's push (issue #11): tokens that span halls only — a hall's admin is refused.
  sock("/overview", "handshake",        [C,  F,  F,  F,  F,  F,  F,  F,   F,   F,   F,   F,   U,   U,  C]),
];

/** Every client→server event of each namespace (contract/socket-events.ts); the test checks the table covers them. */
export const SOCKET_EVENTS: Record<SocketNamespace, readonly string[]> = {
  "/ingest": ["event", "events"],
  "/display": ["resync"],
  "/staff": ["action", "view"],
  "/overview": [],
};
