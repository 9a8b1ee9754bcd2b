// The staff store's outbox against a stand-in /staff socket: actions are persisted at once, sent in order
// with their ids when connected (again with the same ids after a lost connection or a lost ack), removed
// only on an ok ack, refusals kept and shown, transient failures retried; the window's id and the view's
// ticket named in each action; and the store reads only its own identity, hall and online item list over
// HTTP (never the hall-wide load). The service guide's tests: staff-store.guide.test.ts.
import { createPinia, setActivePinia } from "pinia";
import { describe, expect, it, vi } from "vitest";
import { apiRequest } from "../api/http.js";
import { calledTicket, fakeHttp, ONLINE_LIST, settleAsync, staffView } from "./staff-test-support.js";
import { ids, resetStaffStoreEachTest, sock, started } from "./staff-store-test-harness.js";
import { PENDING_KEY, useStaffStore } from "./staff-store.js";

vi.mock("../socket.js", async () => (await import("./staff-store-test-mocks.js")).fakeSocketModule());
vi.mock("../api/http.js", async (importOriginal) => (await import("./staff-store-test-mocks.js")).fakeHttpModule(await importOriginal()));

resetStaffStoreEachTest(apiRequest);

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
