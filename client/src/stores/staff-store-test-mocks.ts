// The stand-ins the staff store's tests (staff-store.*.test.ts) and the staff console page's tests
// (views/staff/StaffView*.test.ts) put in place of socket.js and api/http.js, returned from each test
// file's own vi.mock factories (vi.mock is hoisted per file).
// Kept apart from staff-store-test-harness.ts because a factory may not import the store: the store
// imports the very modules being mocked.
import { vi } from "vitest";
import type { ErrorCode } from "../../../contract/index.js";
import type * as Http from "../api/http.js";
import { fakeHttp, FakeStaffSocket } from "./staff-test-support.js";

/** Every /staff socket the store opened, oldest first (emptied before each test). */
export const sockets: FakeStaffSocket[] = [];

/** The socket the store opened last: the one the console uses. */
export const sock = () => sockets[sockets.length - 1] as FakeStaffSocket;

/** The mocked ../socket.js: each connection is a new FakeStaffSocket. */
export function fakeSocketModule() {
  return {
    connectNamespace: () => {
      const s = new FakeStaffSocket();
      sockets.push(s);
      return { socket: s, state: s.state };
    },
  };
}

/** The mocked ../api/http.js: apiRequest answered by fakeHttp (an error answer as the real ApiError). */
export function fakeHttpModule(actual: typeof Http) {
  return {
    ...actual,
    apiRequest: vi.fn(async (_token: string, _method: string, path: string) => {
      const a = fakeHttp.answer(path);
      if (!a.ok) throw new actual.ApiError(a.status, a.code as ErrorCode, a.message);
      return a.body;
    }),
  };
}
