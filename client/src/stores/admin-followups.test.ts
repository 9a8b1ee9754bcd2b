// The follow-up store: filters become the query string, cases overdue first, the moves the state machine
// allows, a move reloads the list and the report, a refused move (409) is kept and the list reloaded.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FOLLOW_UP_STATES, type FollowUpCase } from "../../../contract/index.js";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { byUrgency, emptyFollowUpFilters, followUpQuery, nextStates, useFollowUpsStore } from "./admin-followups.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
const fcase = (id: number, over: Partial<FollowUpCase> = {}): FollowUpCase => ({
  id,
  hallId: "h1",
  ticketId: `t${id}`,
  ticketNo: `A00${id}`,
  windowId: "w1",
  itemCode: "SB-001",
  rating: 1,
  evaluatedAt: "2026-11-20T02:00:00.000Z",
  deadline: "2026-12-11",
  provisional: false,
  state: "open",
  history: [{ state: "open", at: "2026-11-20T02:00:01.000Z", note: null, by: null }],
  overdue: false,
  ...over,
});

beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
});
afterEach(() => vi.unstubAllGlobals());

describe("follow-up store", () => {
  it("turns the filters into the query string, leaving empty ones out", () => {
    expect(followUpQuery(emptyFollowUpFilters())).toBe("");
    expect(followUpQuery({ state: "contacted", windowId: "w2", overdueOnly: true })).toBe("state=contacted&windowId=w2&overdue=true");
    expect(followUpQuery({ state: "", windowId: "", overdueOnly: true })).toBe("overdue=true");
  });

  it("knows the moves of the state machine: the main line, an appeal from the first three, nothing after closing", () => {
    expect(Object.fromEntries(FOLLOW_UP_STATES.map((s) => [s, nextStates(s)]))).toEqual({
      open: ["contacted", "appealed"],
      contacted: ["rectified", "appealed"],
      rectified: ["reviewed", "appealed"],
      appealed: ["upheld", "withdrawn"],
      reviewed: [],
      upheld: [],
      withdrawn: [],
    });
  });

  it("sorts overdue first, then unclosed by deadline, then closed newest first", () => {
    const list = [
      fcase(1, { state: "reviewed", evaluatedAt: "2026-11-01T00:00:00Z" }),
      fcase(2, { deadline: "2026-12-20" }),
      fcase(3, { overdue: true, deadline: "2026-10-27" }),
      fcase(4, { deadline: "2026-12-01" }),
      fcase(5, { state: "upheld", evaluatedAt: "2026-11-10T00:00:00Z" }),
    ];
    expect([...list].sort(byUrgency).map((c) => c.id)).toEqual([3, 4, 2, 5, 1]);
  });

  it("asks again with each filter", async () => {
    api.followUps = [fcase(1), fcase(2, { windowId: "w2", state: "contacted" }), fcase(3, { overdue: true })];
    const store = useFollowUpsStore();
    await store.load("h1");
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/followups");
    expect(store.cases.map((c) => c.id)).toEqual([3, 1, 2]);
    store.setFilters({ windowId: "w2" });
    await vi.waitFor(() => expect(store.cases.map((c) => c.id)).toEqual([2]));
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/followups?windowId=w2");
    store.setFilters({ windowId: "", overdueOnly: true });
    await vi.waitFor(() => expect(store.cases.map((c) => c.id)).toEqual([3]));
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/followups?overdue=true");
    store.resetFilters();
    await vi.waitFor(() => expect(store.cases).toHaveLength(3));
  });

  it("moves the selected case with its note, then reloads the list and the report", async () => {
    api.followUps = [fcase(1)];
    const store = useFollowUpsStore();
    await store.load("h1");
    store.select(1);
    expect(await store.transition("contacted", "  已电话联系  ")).toBe(true);
    const post = api.callsTo("POST", "/api/halls/h1/followups/1/transition")[0]!;
    expect(post.body).toEqual({ to: "contacted", note: "已电话联系" });
    expect(post.token).toBe("mgr");
    expect(store.selected?.state).toBe("contacted");
    expect(store.moved).toEqual({ caseId: 1, to: "contacted" });
    await vi.waitFor(() => expect(api.callsTo("GET", "/api/halls/h1/followups/report")).toHaveLength(1));
    // Without a note the body carries no note at all.
    expect(await store.transition("rectified", "   ")).toBe(true);
    expect(api.callsTo("POST", "/api/halls/h1/followups/1/transition")[1]!.body).toEqual({ to: "rectified" });
  });

  it("keeps a refused move's error and reloads the list after a 409", async () => {
    api.followUps = [fcase(1)];
    const store = useFollowUpsStore();
    await store.load("h1");
    store.select(1);
    api.followUps = [fcase(1, { state: "appealed" })]; // another manager moved it meanwhile
    expect(await store.transition("contacted", "")).toBe(false);
    expect(store.moveError?.error.status).toBe(409);
    expect(store.moveError?.error.field).toBe("to");
    expect(store.moveError?.to).toBe("contacted");
    await vi.waitFor(() => expect(store.selected?.state).toBe("appealed"));
    expect(store.moveError).not.toBeNull();
  });
});
