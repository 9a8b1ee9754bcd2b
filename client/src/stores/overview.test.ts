// The overview page's session: a token that spans halls is kept and read every refresh; a hall's token
// (403) is refused and not kept; a revoked token ends the session; a failed refresh keeps the figures.
// Once signed in, the figures come pushed on /overview — here against a stand-in socket.io client socket
// (the real client code of socket.ts runs on it; the real server's side is the e2e's): pushes replace the
// figures, a refusal of the token ends the session, signing out disconnects, and the HTTP reads go on
// every 10 s only while the socket is not connected.
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Overview } from "../../../contract/overview.js";
import { OVERVIEW_REFRESH_MS, useOverviewStore } from "./overview.js";

const OVERVIEW: Overview = { at: "2026-03-10T02:00:00.000Z", halls: [] };

// A stand-in for socket.io-client's socket: records what the page registers, and lets a test play the
// server (accept, refuse with a code, push, drop the connection, cut the socket off).
const h = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => void;
  class FakeSocket {
    readonly handlers = new Map<string, Handler[]>();
    connected = false;
    disconnects = 0;
    connects = 0;
    constructor(
      readonly namespace: string,
      private readonly opts: { auth: (cb: (auth: Record<string, unknown>) => void) => void },
    ) {}
    on(event: string, fn: Handler) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
      return this;
    }
    removeAllListeners() {
      this.handlers.clear();
      return this;
    }
    connect() {
      this.connects += 1;
      return this;
    }
    /** Like socket.io-client: "disconnect" is reported only when the socket was connected. */
    disconnect() {
      this.disconnects += 1;
      if (this.connected) {
        this.connected = false;
        this.fire("disconnect", "io client disconnect");
      }
      return this;
    }
    fire(event: string, ...args: unknown[]) {
      for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
    }
    auth(): Record<string, unknown> {
      let sent: Record<string, unknown> = {};
      this.opts.auth((a) => (sent = a));
      return sent;
    }
    accept() {
      this.connected = true;
      this.fire("connect");
    }
    refuse(code: string) {
      this.fire("connect_error", Object.assign(new Error(code), { data: { code } }));
    }
    push(overview: unknown) {
      this.fire("overview", overview);
    }
    drop(reason = "transport close") {
      this.connected = false;
      this.fire("disconnect", reason);
    }
  }
  return { FakeSocket, sockets: [] as FakeSocket[] };
});
vi.mock("socket.io-client", () => ({
  io: (namespace: string, opts: ConstructorParameters<typeof h.FakeSocket>[1]) => {
    const socket = new h.FakeSocket(namespace, opts);
    h.sockets.push(socket);
    return socket;
  },
}));
const lastSocket = () => h.sockets[h.sockets.length - 1]!;
const PUSHED: Overview = {
  at: "2026-03-10T02:00:04.000Z",
  halls: [
    {
      rank: 1,
      hallId: "h1",
      name: "城东",
      imbalance: { cv: 0.1, imbalanced: false, hot: 0, cold: 0 },
      waitingNow: 3,
      oldestWaitSeconds: 120,
      waitTargetMinutes: 20,
      calledToday: 4,
      withinTargetShare: 1,
      openFindings: 0,
      windows: { open: 1, total: 2 },
      idleWindows: 0,
      lostHeartbeats: 0,
    },
  ],
};

/** A fake /api/overview: answers by bearer token. */
function fakeServer(answers: Record<string, number>) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit) => {
    const auth = (init.headers as Record<string, string>).authorization ?? "";
    const token = auth.replace("Bearer ", "");
    calls.push(`${path} ${token}`);
    const status = answers[token] ?? 401;
    const body = status === 200 ? OVERVIEW : { error: { code: status === 403 ? "forbidden" : "unauthorized", message: "no" } };
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return calls;
}

beforeEach(() => {
  localStorage.clear();
  h.sockets.length = 0;
  setActivePinia(createPinia());
});
afterEach(() => {
  // No socket or fallback timer of one test outlives it.
  useOverviewStore().unfollow();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("overview store", () => {
  it("signs in with an overseer token, keeps it under its own key and reads the overview", async () => {
    const calls = fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    expect(await store.signIn(" ovs ")).toBe(true);
    expect(store.status).toBe("ready");
    expect(store.overview).toEqual(OVERVIEW);
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBe("ovs");
    expect(calls).toEqual(["/api/overview ovs"]);
  });

  it("refuses a hall's own token (403) as denied and does not keep it", async () => {
    fakeServer({ hallAdmin: 403 });
    const store = useOverviewStore();
    expect(await store.signIn("hallAdmin")).toBe(false);
    expect(store.status).toBe("denied");
    expect(store.overview).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
  });

  it("adopts ?token= once and removes it from the address", async () => {
    fakeServer({ ovs: 200 });
    history.replaceState(null, "", "/overview?token=ovs");
    const store = useOverviewStore();
    await store.start();
    expect(location.search).toBe("");
    expect(store.status).toBe("ready");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBe("ovs");
    history.replaceState(null, "", "/");
  });

  it("lets in the admin pages' token when it spans halls, without storing it twice", async () => {
    fakeServer({ global: 200 });
    localStorage.setItem("hallpulse.admin.token", "global");
    const store = useOverviewStore();
    await store.start();
    expect(store.status).toBe("ready");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
    // The admin pages' token stays theirs.
    expect(localStorage.getItem("hallpulse.admin.token")).toBe("global");
  });

  it("asks quietly for a token when the admin pages' token is a hall's", async () => {
    fakeServer({ hallAdmin: 403 });
    localStorage.setItem("hallpulse.admin.token", "hallAdmin");
    const store = useOverviewStore();
    await store.start();
    expect(store.status).toBe("signed-out");
    expect(store.error).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token")).toBe("hallAdmin");
  });

  it("keeps the last figures when a refresh fails on the network, and ends the session on 401", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("offline");
    });
    await store.refresh();
    expect(store.status).toBe("ready");
    expect(store.overview).toEqual(OVERVIEW);
    expect(store.error?.code).toBe("network");
    fakeServer({});
    await store.refresh();
    expect(store.status).toBe("signed-out");
    expect(store.ended).toBe(true);
    expect(store.overview).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
  });
});

describe("overview store, live feed", () => {
  it("follows /overview with its token once signed in, and each push replaces the figures", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    expect(h.sockets).toHaveLength(0);
    await store.signIn("ovs");
    expect(h.sockets).toHaveLength(1);
    expect(lastSocket().namespace).toBe("/overview");
    expect(lastSocket().auth()).toEqual({ token: "ovs" });
    expect(store.live).toBe("connecting");
    lastSocket().accept();
    expect(store.live).toBe("connected");
    lastSocket().push(PUSHED);
    expect(store.overview).toEqual(PUSHED);
    const later = { ...PUSHED, at: "2026-03-10T02:00:06.000Z", halls: [{ ...PUSHED.halls[0]!, waitingNow: 4 }] };
    lastSocket().push(later);
    expect(store.overview).toEqual(later);
    // Following again while following opens no second socket.
    store.follow();
    expect(h.sockets).toHaveLength(1);
  });

  it("does not follow before the token is checked, nor with a refused token", async () => {
    fakeServer({ hallAdmin: 403 });
    const store = useOverviewStore();
    store.follow();
    expect(await store.signIn("hallAdmin")).toBe(false);
    expect(h.sockets).toHaveLength(0);
    expect(store.live).toBeNull();
  });

  for (const code of ["unauthorized", "forbidden"] as const) {
    it(`ends the session and forgets the token when the socket is refused (${code})`, async () => {
      vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
      const calls = fakeServer({ ovs: 200 });
      const store = useOverviewStore();
      await store.signIn("ovs");
      const socket = lastSocket();
      socket.refuse(code);
      expect(store.status).toBe("signed-out");
      expect(store.ended).toBe(true);
      expect(store.overview).toBeNull();
      expect(store.token).toBeNull();
      expect(store.error?.code).toBe(code);
      expect(store.error?.status).toBe(code === "forbidden" ? 403 : 401);
      expect(store.live).toBeNull();
      expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
      expect(socket.handlers.get("overview")).toBeUndefined();
      // Nothing is read any more.
      await vi.advanceTimersByTimeAsync(3 * OVERVIEW_REFRESH_MS);
      expect(calls).toEqual(["/api/overview ovs"]);
    });
  }

  it("ends the session when the server cuts a revoked token's socket off and refuses the retry", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    const socket = lastSocket();
    socket.accept();
    socket.drop("io server disconnect");
    expect(store.live).toBe("offline");
    expect(store.status).toBe("ready");
    // socket.ts tries once more after the server's cut; the server refuses the revoked token.
    await vi.advanceTimersByTimeAsync(500);
    expect(socket.connects).toBe(1);
    socket.refuse("unauthorized");
    expect(store.status).toBe("signed-out");
    expect(store.ended).toBe(true);
    expect(store.error?.code).toBe("unauthorized");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
  });

  it("keeps following when the socket is refused for another reason (the HTTP reads decide)", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    lastSocket().refuse("not_found");
    expect(store.status).toBe("ready");
    expect(store.live).toBe("refused");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBe("ovs");
  });

  it("disconnects the socket on sign-out, and nothing arrives or is read after it", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    const calls = fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    const socket = lastSocket();
    socket.accept();
    store.signOut();
    expect(socket.disconnects).toBeGreaterThan(0);
    expect(socket.connected).toBe(false);
    expect(store.live).toBeNull();
    socket.push(PUSHED);
    expect(store.overview).toBeNull();
    // A late retry of the socket (socket.ts's, after a cut by the server) is closed again at once.
    const before = socket.disconnects;
    socket.accept();
    expect(socket.disconnects).toBe(before + 1);
    expect(socket.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(3 * OVERVIEW_REFRESH_MS);
    expect(calls).toEqual(["/api/overview ovs"]);
  });

  it("reads over HTTP every 10 s only while the socket is not connected", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    const calls = fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    expect(calls).toHaveLength(1);
    // Still connecting: the reads go on.
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(2);
    const socket = lastSocket();
    socket.accept();
    // Connected and pushed to (the server pushes at least every 10 s): no read.
    for (let i = 0; i < 5; i += 1) {
      await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
      socket.push(PUSHED);
    }
    expect(calls).toHaveLength(2);
    // Lost: every 10 s again, until it is back.
    socket.drop();
    expect(store.live).toBe("offline");
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS - 1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(4);
    socket.accept();
    for (let i = 0; i < 5; i += 1) {
      await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
      socket.push(PUSHED);
    }
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => c === "/api/overview ovs")).toBe(true);
  });

  it("reads over HTTP when the connected socket has been silent for three periods, and stops when pushes resume", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    const calls = fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    const socket = lastSocket();
    socket.accept();
    // Two silent periods (20 s) are within the server's promise plus slack: no read.
    await vi.advanceTimersByTimeAsync(2 * OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(1);
    expect(store.live).toBe("connected");
    // The third: the connection is up but nothing arrives — read, and go on reading every period.
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(3);
    // A push again: quiet until another three silent periods.
    socket.push(PUSHED);
    await vi.advanceTimersByTimeAsync(2 * OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(3);
  });

  it("stops following when the page is left, and follows again when it is back", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    const calls = fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    const first = lastSocket();
    store.unfollow();
    expect(first.disconnects).toBeGreaterThan(0);
    expect(store.live).toBeNull();
    expect(store.status).toBe("ready");
    await vi.advanceTimersByTimeAsync(3 * OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(1);
    store.follow();
    expect(h.sockets).toHaveLength(2);
    expect(lastSocket().auth()).toEqual({ token: "ovs" });
  });

  it("does not let an HTTP read begun before a push overwrite the pushed figures", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    let answer: (r: Response) => void = () => undefined;
    vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => (answer = resolve)));
    const reading = store.refresh();
    lastSocket().accept();
    lastSocket().push(PUSHED);
    answer(new Response(JSON.stringify(OVERVIEW), { status: 200, headers: { "content-type": "application/json" } }));
    await reading;
    expect(store.overview).toEqual(PUSHED);
  });
});
