// Shared by the overview store's tests (overview.test.ts: the session; overview-live.test.ts: the figures
// pushed on /overview): the figures they use, a fake GET /api/overview and the reset between tests. The
// stand-in socket is overview-fake-socket.ts (the real client code of socket.ts runs on it; the real
// server's side is the e2e's).
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, vi } from "vitest";
import type { Overview } from "../../../contract/overview.js";
import { h, lastSocket } from "./overview-fake-socket.js";
import { useOverviewStore } from "./overview.js";

export const OVERVIEW: Overview = { at: "2026-03-10T02:00:00.000Z", halls: [] };

export const PUSHED: Overview = {
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
export function fakeServer(answers: Record<string, number>) {
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

/** Each test starts signed out with no socket; no socket or fallback timer of one test outlives it. */
export function resetBetweenTests(): void {
  beforeEach(() => {
    localStorage.clear();
    h.sockets.length = 0;
    setActivePinia(createPinia());
  });
  afterEach(() => {
    useOverviewStore().unfollow();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}

/** Fake timers for the fallback reads (Date stays real). */
export const fakeTimers = () => vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });

/** Signed in with an overseer token ("ovs"), with fake timers: its HTTP calls, the store and its socket. */
export async function signedIn() {
  fakeTimers();
  const calls = fakeServer({ ovs: 200 });
  const store = useOverviewStore();
  await store.signIn("ovs");
  return { calls, store, socket: lastSocket() };
}
