// Stand-ins for client/src/socket.ts and client/src/api/http.ts in the staff console page's tests: each
// connection gets a new FakeStaffSocket (the test plays the server through the latest one, `sock()`),
// and the console's HTTP reads (identity, hall, online item list) are answered by fakeHttp. Used as
//   vi.mock("../../socket.js", async () => (await import("./staff-view-mocks.js")).fakeSocketModule);
//   vi.mock("../../api/http.js", async (importOriginal) =>
//     (await import("./staff-view-mocks.js")).fakeHttpModule(await importOriginal<typeof import("../../api/http.js")>()));
// — the test and the mocks then share this module's one `sockets` list. Used by tests only.
import { vi } from "vitest";
import type { ErrorCode } from "../../../../contract/index.js";
import { FakeStaffSocket, fakeHttp } from "../../stores/staff-test-support.js";

/** Every connection the page opened, oldest first. */
export const sockets: FakeStaffSocket[] = [];

/** The latest connection: the one the console uses. */
export const sock = () => sockets[sockets.length - 1] as FakeStaffSocket;

export const fakeSocketModule = {
  connectNamespace: () => {
    const s = new FakeStaffSocket();
    sockets.push(s);
    return { socket: s, state: s.state };
  },
};

/** The real http module with apiRequest answered by fakeHttp (a refusal thrown as the real ApiError). */
export function fakeHttpModule(actual: typeof import("../../api/http.js")) {
  return {
    ...actual,
    apiRequest: vi.fn(async (_token: string, _method: string, path: string) => {
      const a = fakeHttp.answer(path);
      if (!a.ok) throw new actual.ApiError(a.status, a.code as ErrorCode, a.message);
      return a.body;
    }),
  };
}
