// The staff store against a stand-in /staff socket: actions are persisted at once, sent in order with
// their ids when connected (again with the same ids after a lost connection or a lost ack), removed only
// on an ok ack, refusals kept and shown, transient failures retried; and the store reads only its own
// identity, hall and online item list over HTTP (never the hall-wide load); the current ticket's
// service guide is looked up in the online list, read only when the version the view names changes.
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorCode } from "../../../contract/index.js";
import type { FakeStaffSocket } from "./staff-test-support.js";
import { calledTicket, fakeHttp, GUIDE_ITEM, ONLINE_LIST, settleAsync, staffView } from "./staff-test-support.js";
import { apiRequest } from "../api/http.js";
import type { OnlineItemList } from "./staff-guide.js";
import { GUIDE_RETRY_MS } from "./staff-guide-loader.js";
import { PENDING_KEY, useStaffStore } from "./staff-store.js";

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
    fakeHttp.onlineItems = ONLINE_LIST;
    await started();
    sock().push(staffView());
    await settleAsync();
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
    await settleAsync();
    expect(store.guide).toEqual({ kind: "found", itemCode: "SB-001", version: 3, item: GUIDE_ITEM });
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t2", itemCode: "ZZ-999" } }));
    expect(store.guide).toEqual({ kind: "notListed", itemCode: "ZZ-999", version: 3 });
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t3", itemCode: null } }));
    expect(store.guide).toEqual({ kind: "noItemCode" });
  });

  it("reads nothing before a view names the list's version", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = await started();
    sock().up();
    await settleAsync();
    expect(itemCalls()).toBe(0);
    expect(store.guideSource).toEqual({ status: "idle" });
  });

  it("asks nothing when the view names no list (none imported): no guide, never invented data, no 404", async () => {
    const store = await started();
    sock().up();
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: null }));
    await settleAsync();
    expect(itemCalls()).toBe(0);
    expect(store.guideSource).toEqual({ status: "none" });
    expect(store.guide).toEqual({ kind: "noList", itemCode: "SB-001" });
    sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: "t2" }, onlineListVersion: null }));
    await settleAsync();
    expect(itemCalls()).toBe(0);
  });

  it("reads version 1 once, not again per view, ticket or reconnect; reads version 2 once when a view names it", async () => {
    fakeHttp.onlineItems = { version: 1, items: [GUIDE_ITEM] };
    const store = await started();
    sock().up();
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 1 }));
    await settleAsync();
    expect(itemCalls()).toBe(1);
    expect(store.guide).toMatchObject({ kind: "found", version: 1, item: { name: GUIDE_ITEM.name } });
    for (let i = 0; i < 5; i++) sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: `t${i + 2}` }, onlineListVersion: 1 }));
    sock().down();
    sock().up();
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 1 }));
    await settleAsync();
    expect(itemCalls()).toBe(1);

    // An import: the server pushes a view naming version 2.
    fakeHttp.onlineItems = { version: 2, items: [{ ...GUIDE_ITEM, name: "参保登记（新版）" }] };
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    // What is known stays shown until the answer comes.
    expect(store.guide).toMatchObject({ kind: "found", version: 1 });
    await settleAsync();
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "found", version: 2, item: { name: "参保登记（新版）" } });
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await settleAsync();
    expect(itemCalls()).toBe(2);

    // The list no longer named: no guide, and nothing asked.
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: null }));
    await settleAsync();
    expect(store.guide).toEqual({ kind: "noList", itemCode: "SB-001" });
    expect(itemCalls()).toBe(2);
  });

  it("keeps an answer newer than the view named (an import in between) and does not read it again for either version", async () => {
    fakeHttp.onlineItems = { version: 2, items: [GUIDE_ITEM] };
    const store = await started();
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 1 }));
    await settleAsync();
    expect(itemCalls()).toBe(1);
    expect(store.guide).toMatchObject({ kind: "found", version: 2 });
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 1 }));
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await settleAsync();
    expect(itemCalls()).toBe(1);
  });

  it("does not take an answer older than the view named, and reads again on a later view, not before 30 s", async () => {
    vi.useFakeTimers();
    fakeHttp.onlineItems = { version: 1, items: [GUIDE_ITEM] };
    const store = useStaffStore();
    store.start("hp_token");
    await vi.advanceTimersByTimeAsync(0);
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 1 }));
    await vi.advanceTimersByTimeAsync(0);
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "found", version: 1 });
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await vi.advanceTimersByTimeAsync(GUIDE_RETRY_MS - 1);
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(itemCalls()).toBe(2);
    fakeHttp.onlineItems = { version: 2, items: [GUIDE_ITEM] };
    await vi.advanceTimersByTimeAsync(1);
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(itemCalls()).toBe(3);
    expect(store.guide).toMatchObject({ kind: "found", version: 2 });
  });

  it("shows a failed read as an error (not as 'no guide'), and tries again not before 30 s, while views keep coming", async () => {
    vi.useFakeTimers();
    fakeHttp.onlineItems = { status: 503, code: "not_ready", message: "starting" };
    const store = useStaffStore();
    store.start("hp_token");
    await vi.advanceTimersByTimeAsync(0);
    sock().up();
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 3 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(itemCalls()).toBe(1);
    expect(store.guide).toMatchObject({ kind: "error", itemCode: "SB-001", error: { code: "not_ready" } });
    fakeHttp.onlineItems = ONLINE_LIST;
    // Views at 4 a second for just under 30 s, a new ticket and a reconnect among them: no read.
    for (let i = 0; i < 119; i++) {
      await vi.advanceTimersByTimeAsync(250);
      if (i === 50) {
        sock().down();
        sock().up();
      }
      sock().push(staffView({ currentTicket: { ...calledTicket("serving"), ticketId: i < 60 ? "t1" : "t2" }, onlineListVersion: 3 }));
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(itemCalls()).toBe(1);
    expect(store.guide).toMatchObject({ kind: "error" });
    await vi.advanceTimersByTimeAsync(250);
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 3 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "found", version: 3, item: { code: "SB-001" } });
  });

  it("keeps the list it holds shown when reading a new version fails", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = await started();
    sock().push(staffView({ currentTicket: calledTicket("serving") }));
    await settleAsync();
    fakeHttp.onlineItems = { status: 500, code: "internal", message: "boom" };
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 4 }));
    await settleAsync();
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "found", version: 3 });
  });

  it("starts no second read while one is in flight, and reads the version a view named meanwhile after it", async () => {
    const store = await started();
    let answer: (list: OnlineItemList) => void = () => {};
    vi.mocked(apiRequest).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve as (list: OnlineItemList) => void)));
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 1 }));
    for (let i = 0; i < 3; i++) sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 1 }));
    await settleAsync();
    expect(itemCalls()).toBe(1);
    expect(store.guide).toMatchObject({ kind: "loading" });
    // An import while the read is in flight: its view starts nothing yet.
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await settleAsync();
    expect(itemCalls()).toBe(1);
    fakeHttp.onlineItems = { version: 2, items: [{ ...GUIDE_ITEM, name: "参保登记（新版）" }] };
    answer({ version: 1, items: [GUIDE_ITEM] });
    await settleAsync();
    expect(itemCalls()).toBe(2);
    expect(store.guide).toMatchObject({ kind: "found", version: 2, item: { name: "参保登记（新版）" } });
    sock().push(staffView({ currentTicket: calledTicket("serving"), onlineListVersion: 2 }));
    await settleAsync();
    expect(itemCalls()).toBe(2);
  });

  it("forgets the list of another token's hall", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = await started();
    sock().push(staffView());
    await settleAsync();
    expect(store.guideSource.status).toBe("loaded");
    fakeHttp.onlineItems = null;
    store.start("hp_other");
    expect(store.guideSource.status).toBe("idle");
    await settleAsync();
    sock().push(staffView({ onlineListVersion: null }));
    expect(store.guideSource).toEqual({ status: "none" });
    expect(itemCalls()).toBe(1);
  });

  it("reads the list of another token's hall even when it names the same version", async () => {
    fakeHttp.onlineItems = ONLINE_LIST;
    const store = await started();
    sock().push(staffView());
    await settleAsync();
    store.start("hp_other");
    await settleAsync();
    sock().push(staffView());
    await settleAsync();
    expect(itemCalls()).toBe(2);
    expect(store.guideSource.status).toBe("loaded");
  });
});
