// Harness for the staff store's tests (staff-store.*.test.ts; imported only by tests): the socket the
// store opened last, a started store, and the per-test reset. The mocked modules themselves are in
// staff-store-test-mocks.ts.
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, vi } from "vitest";
import type * as Http from "../api/http.js";
import { sock, sockets } from "./staff-store-test-mocks.js";
import { fakeHttp, settleAsync } from "./staff-test-support.js";
import { useStaffStore } from "./staff-store.js";

export { sock };
export const ids = (list: { id?: unknown }[]) => list.map((a) => a.id);

/** A store started with a token, its identity and hall loaded. */
export async function started() {
  const store = useStaffStore();
  store.start("hp_token");
  await settleAsync(); // identity and hall loaded
  return store;
}

/** A fresh store, storage and HTTP stand-in for each test; real timers after it. */
export function resetStaffStoreEachTest(apiRequest: typeof Http.apiRequest) {
  beforeEach(() => {
    localStorage.clear();
    sockets.length = 0;
    setActivePinia(createPinia());
    vi.mocked(apiRequest).mockClear();
    fakeHttp.reset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
