// The staff store's service guide for the current ticket, against a stand-in /staff socket and HTTP: the
// ticket's item code looked up in the hall's online item list, which is read only when the version the
// view names changes (once per version, never per view, ticket or reconnect), a failed read shown as an
// error and retried not before 30 s, and nothing carried over to another token's hall.
// The outbox's tests: staff-store.outbox.test.ts.
import { describe, expect, it, vi } from "vitest";
import { apiRequest } from "../api/http.js";
import { calledTicket, fakeHttp, GUIDE_ITEM, ONLINE_LIST, settleAsync, staffView } from "./staff-test-support.js";
import type { OnlineItemList } from "./staff-guide.js";
import { GUIDE_RETRY_MS } from "./staff-guide-loader.js";
import { resetStaffStoreEachTest, sock, started } from "./staff-store-test-harness.js";
import { useStaffStore } from "./staff-store.js";

vi.mock("../socket.js", async () => (await import("./staff-store-test-mocks.js")).fakeSocketModule());
vi.mock("../api/http.js", async (importOriginal) => (await import("./staff-store-test-mocks.js")).fakeHttpModule(await importOriginal()));

resetStaffStoreEachTest(apiRequest);

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
