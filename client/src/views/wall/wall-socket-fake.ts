// A stand-in for client/src/socket.ts in the wall's component tests: it records the handlers the display
// store registers, what it emits and the auth it connects with, and exposes the connection state, so a
// test can play the server's side (`snapshot`, `update`) through the real store. Used as
//   vi.mock("../../socket.js", async () => (await import("./wall-socket-fake.js")).fakeSocketModule);
// — the test and the mock then share this module's one `fakeDisplay`.
import { flushPromises } from "@vue/test-utils";
import { createPinia, setActivePinia, type Pinia } from "pinia";
import { vi } from "vitest";
import { reactive } from "vue";
import { NOW } from "./wall-fixtures.js";

type Handler = (payload: unknown) => void;

interface FakeState {
  status: string;
  refusal: string | null;
  lostAt: number | null;
}

export const fakeDisplay = {
  handlers: new Map<string, Handler>(),
  emitted: [] as unknown[][],
  auth: null as Record<string, unknown> | null,
  state: null as FakeState | null,
  connects: 0,
};

export const fakeSocketModule = {
  connectNamespace: (_ns: string, auth: () => Record<string, unknown>) => {
    fakeDisplay.connects += 1;
    fakeDisplay.auth = auth();
    fakeDisplay.state = reactive({ status: "connecting", refusal: null, lostAt: null });
    const socket = {
      on: (event: string, fn: Handler) => fakeDisplay.handlers.set(event, fn),
      emit: (...args: unknown[]) => fakeDisplay.emitted.push(args),
      removeAllListeners: () => fakeDisplay.handlers.clear(),
      disconnect: () => undefined,
    };
    return { socket, state: fakeDisplay.state };
  },
};

/** Forgets what the last test's wall registered, emitted and connected with. */
export function resetFakeDisplay(): void {
  fakeDisplay.handlers.clear();
  fakeDisplay.emitted.length = 0;
  fakeDisplay.auth = null;
  fakeDisplay.state = null;
  fakeDisplay.connects = 0;
}

/** The server sends `event` with `payload`; resolves once the page has reacted. */
export async function serverSends(event: string, payload: unknown): Promise<void> {
  fakeDisplay.handlers.get(event)?.(payload);
  await flushPromises();
}

/** The socket reports itself connected; resolves once the page has reacted. */
export async function socketConnected(): Promise<void> {
  if (fakeDisplay.state) fakeDisplay.state.status = "connected";
  await flushPromises();
}

/**
 * A wall test's start: the clock at the fixtures' NOW (only Date and intervals faked, so promises still
 * settle), a fresh store, a fresh fake socket, no saved pairing, and the page at `url`.
 */
export function startWallTest(url = "/wall/h1?token=hp_secret"): Pinia {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
  vi.setSystemTime(NOW);
  const pinia = createPinia();
  setActivePinia(pinia);
  resetFakeDisplay();
  localStorage.clear();
  history.replaceState(null, "", url);
  return pinia;
}
