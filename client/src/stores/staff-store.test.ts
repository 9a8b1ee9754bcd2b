// The staff store against a stand-in /staff socket: actions are persisted at once, sent in order with
// their ids when connected (again with the same ids after a lost connection or a lost ack), removed only
// on an ok ack, refusals kept and shown, transient failures retried; and the store reads only its own
// identity, hall and online item list over HTTP (never the hall-wide load); the current ticket's
// service guide is looked up in the online list, read once per session and again after a reconnect.
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorCode } from "../../../contract/index.js";
import type { FakeStaffSocket } from "./staff-test-support.js";
import { calledTicket, fakeHttp, GUIDE_ITEM, ONLINE_LIST, settleAsync, staffView } from "./staff-test-support.js";
import { apiRequest } from "../api/http.js";
import { GUIDE_MAX_AGE_MS, PENDING_KEY, useStaffStore } from "./staff-store.js";

const h = vi.hoisted(() => ({ sockets: [] as FakeStaffSocket[] }));
vi.mock("../socket.js", async () => {
  const { FakeStaffSocket } = await import("./staff-test-support.js");
  return {
    connectNamespace: () => {
      const s = new FakeStaffSocket();
      h.sockets.push(s);
      return { socket: s, state: s.state };
    },
  };
});
vi.mock("../api/http.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api/http.js")>();
  const { fakeHttp } = await import("./staff-test-support.js");
  return {
    ...actual,
    apiRequest: vi.fn(async (_token: string, _method: string, path: string) => {
      const a = fakeHttp.answer(path);
      if (!a.ok) throw new actual.ApiError(a.status, a.code as ErrorCode, a.message);
      return a.body;
    }),
  };
});

const sock = () => h.sockets[h.sockets.length - 1] as FakeStaffSocket;
const ids = (list: { id?: unknown }[]) => list.map((a) => a.id);

async function started() {
  const store = useStaffStore();
  store.start("hp_token");
  await settleAsync(); // identity and hall loaded
  return store;
}

beforeEach(() => {
  localStorage.clear();
  h.sockets.length = 0;
  setActivePinia(createPinia());
  vi.mocked(apiRequest).mockClear();
  fakeHttp.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("staff store: the outbox over /staff", () => {
  it("keeps an action pressed while offline, persisted at once, and sends nothing", async () => {
    const store = await started();
    sock().push(staffView());
    sock().down();
    const id = store.callNext();
    expect(store.pending.map((p) => [p.action.id, p.status])).toEqual([[id, "waiting"]]);
    expect(JSON.parse(localStorage.getItem(PENDING_KEY) ?? "[]")).toMatchObject([{ action: { id, type: "call.next", windowId: "w1" } }]);
    expect(sock().sent).toEqual([]);
  });

  it("sends what waits, in order and with the same ids, when the connection comes; done only on ok", async () => {
    const store = await started();
    store.open("s-0101");
    store.callNext();
    const queued = store.pending.map((p) => p.action.id);
    sock().reply = (a) => ({ ok: true, data: { id: String(a.id), status: "accepted", ...(a.type === "call.next" ? { ticket: { ...calledTicket(), phase: undefined } } : {}) } });
    sock().up();
    await settleAsync();
    expect(ids(sock().sent)).toEqual(queued);
    expect(sock().sent[0]).toMatchObject({ type: "window.opened", windowId: "w1", staffId: "s-0101" });
    expect(store.pending).toEqual([]);
    expect(localStorage.getItem(PENDING_KEY)).toBe("[]");
    expect(store.activity.map((e) => [e.type, e.result, e.ticketNo])).toEqual([
      ["call.next", "done", "A001"],
      ["window.opened", "done", undefined],
    ]);
  });

  it("resends with the same id after a lost connection ate the ack, and shows it done once", async () => {
    const store = await started();
    sock().reply = () => "no answer";
    sock().up();
    const id = store.resume();
    await settleAsync();
    expect(store.pending[0]?.status).toBe("sending");
    sock().down();
    expect(store.pending[0]?.status).toBe("waiting");
    sock().reply = (a) => ({ ok: true, data: { id: String(a.id), status: "duplicate" } });
    sock().up();
    await settleAsync();
    expect(ids(sock().sent)).toEqual([id, id]);
    expect(store.pending).toEqual([]);
    expect(store.activity.map((e) => e.result)).toEqual(["duplicate"]);
  });

  it("keeps a refusal with the server's code, field and message, shows it, and does not resend it", async () => {
    const store = await started();
    sock().reply = () => ({ ok: false, error: { code: "forbidden", field: "windowId", message: "windowId: a staff token acts only on its own window" } });
    sock().up();
    store.pause("午休");
    await settleAsync();
    expect(store.pending).toMatchObject([{ status: "refused", error: { code: "forbidden", field: "windowId" }, action: { type: "window.paused", reason: "午休" } }]);
    expect(store.activity[0]).toMatchObject({ result: "refused", error: { code: "forbidden" } });
    sock().down();
    sock().up();
    await settleAsync();
    expect(sock().sent).toHaveLength(1);
    store.dismiss(store.pending[0]?.action.id as string);
    expect(store.pending).toEqual([]);
  });

  it("retries a transient failure (storage unavailable) later with the same id", async () => {
    vi.useFakeTimers();
    const store = useStaffStore();
    store.start("hp_token");
    await vi.advanceTimersByTimeAsync(0);
    let calls = 0;
    sock().reply = (a) => (++calls === 1 ? { ok: false, error: { code: "storage_unavailable", message: "retry later" } } : { ok: true, data: { id: String(a.id), status: "accepted" } });
    sock().up();
    const id = store.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.pending).toMatchObject([{ status: "waiting", error: { code: "storage_unavailable" } }]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(ids(sock().sent)).toEqual([id, id]);
    expect(store.pending).toEqual([]);
  });

  it("keeps waiting actions across a reload and sends them with their ids", async () => {
    const first = await started();
    const id = first.callNext();
    setActivePinia(createPinia());
    const again = await started();
    expect(again.pending.map((p) => p.action.id)).toEqual([id]);
    sock().up();
    await settleAsync();
    expect(ids(sock().sent)).toEqual([id]);
  });

  it("names the token's window in each action (fromWindowId for a transfer) and acts on the view's ticket", async () => {
    const store = await started();
    sock().push(staffView({ currentTicket: calledTicket("called") }));
    store.startService();
    store.transfer("estate");
    expect(store.pending.map((p) => p.action)).toMatchObject([
      { type: "service.started", windowId: "w1", ticketId: "t1" },
      { type: "ticket.transferred", fromWindowId: "w1", ticketId: "t1", toCategoryId: "estate" },
    ]);
    expect(store.pending[1]?.action).not.toHaveProperty("windowId");
    expect(store.pending[0]?.ticketNo).toBe("A001");
  });

  it("completes with the materials requested and rates the ticket just served", async () => {
    const store = await started();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    store.complete("needs_materials", ["身份证复印件", "营业执照副本"]);
    expect(store.available.has("evaluate")).toBe(true);
    store.evaluate(5, null);
    expect(store.pending.map((p) => p.action)).toMatchObject([
      { type: "service.completed", ticketId: "t1", outcome: "needs_materials", requestedMaterials: ["身份证复印件", "营业执照副本"] },
      { type: "evaluation.submitted", ticketId: "t1", rating: 5 },
    ]);
    expect(store.available.has("evaluate")).toBe(false);
  });

  it("reads only its identity, its hall and the online item list over HTTP, never the hall-wide load", async () => {
    await started();
    expect(vi.mocked(apiRequest).mock.calls.map((c) => c[2]).sort()).toEqual(["/api/halls/h1", "/api/halls/h1/items/online", "/api/me"]);
  });
});

const itemCalls = () => vi.mocked(apiRequest).mock.calls.filter((c) => c[2] === "/api/halls/h1/items/online").length;

describe("staff store: the current ticket's service guide", () => {
  it("looks the ticket's item code up in the online list", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = await started();
    expect(store.guide).toEqual({ kind: "noTicket" });
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    expect(store.guide).toEqual({ kind: "found", itemCode: "SB-001", version: 3, item: GUIDE_ITEM });
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t2", itemCode: "ZZ-999" } }));
    expect(store.guide).toEqual({ kind: "notListed", itemCode: "ZZ-999", version: 3 });
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t3", itemCode: null } }));
    expect(store.guide).toEqual({ kind: "noItemCode" });
  });

  it("shows no guide when no online list was imported (404), never invented data", async () => {
    const store = await started();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    expect(store.guideSource).toEqual({ status: "none" });
    expect(store.guide).toEqual({ kind: "noList", itemCode: "SB-001" });
  });

  it("reads the list once per session, not per ticket, and again after a reconnect", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = await started();
    sock().up();
    await settleAsync();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t2" } }));
    await settleAsync();
    expect(itemCalls()).toBe(1);
    // An import while the console was away: the reconnect reads the new version.
    fakeHttp.onlineItems = { version: 4, items: [{ ...GUIDE_ITEM, name: "参保登记（新版）" }] };
    sock().down();
    expect(store.guide).toMatchObject({ kind: "found", version: 3 });
    sock().up();
    await settleAsync();
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "found", version: 4, item: { name: "参保登记（新版）" } });
  });

  it("reads the list again for a new ticket once the cached one is old", async () => {
    vi.useFakeTimers();
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = useStaffStore();
    store.start("hp_token");
    await vi.advanceTimersByTimeAsync(0);
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await vi.advanceTimersByTimeAsync(GUIDE_MAX_AGE_MS + 1);
    expect(itemCalls()).toBe(1);
    fakeHttp.onlineItems = { version: 5, items: [GUIDE_ITEM] };
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t2" } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "found", version: 5 });
  });

  it("shows a failed read as an error (not as 'no guide'), and tries again on the next connection", async () => {
    fakeHttp.onlineItems = { status: 503, code: "not_ready", message: "starting" };
    const store = await started();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await settleAsync();
    expect(store.guide).toMatchObject({ kind: "error", itemCode: "SB-001", error: { code: "not_ready" } });
    fakeHttp.onlineItems = ONLINE_LIST;
    sock().up();
    await settleAsync();
    expect(store.guide).toMatchObject({ kind: "found", item: { code: "SB-001" } });
  });

  it("tries a failed read again with the next ticket", async () => {
    fakeHttp.onlineItems = { status: 500, code: "internal", message: "boom" };
    const store = await started();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await settleAsync();
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "error" });
    fakeHttp.onlineItems = ONLINE_LIST;
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t2" } }));
    await settleAsync();
    expect(itemCalls()).toBe(3);
    expect(store.guide).toMatchObject({ kind: "found" });
  });

  it("forgets the list of another token's hall", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = await started();
    expect(store.guideSource.status).toBe("loaded");
    fakeHttp.onlineItems = null;
    store.start("hp_other");
    expect(store.guideSource.status).toBe("idle");
    await settleAsync();
    expect(store.guideSource).toEqual({ status: "none" });
  });
});
