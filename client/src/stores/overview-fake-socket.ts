// A stand-in for socket.io-client in the overview store's tests, mocked in with
// `vi.mock("socket.io-client", async () => (await import("./overview-fake-socket.js")).fakeSocketIo)`.
// It imports nothing of the store's, so the mock's factory cannot wait on the module that imports it.
// A test plays the server with it: accept, refuse with a code, push, drop the connection, cut the socket off.
import { FakeEmitter } from "./fake-emitter.js";

export class FakeSocket extends FakeEmitter {
  connected = false;
  disconnects = 0;
  connects = 0;
  constructor(
    readonly namespace: string,
    private readonly opts: { auth: (cb: (auth: Record<string, unknown>) => void) => void },
  ) {
    super();
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
export const h = { sockets: [] as FakeSocket[] };
/** What `vi.mock("socket.io-client", …)` answers in the overview's tests. */
export const fakeSocketIo = {
  io: (namespace: string, opts: ConstructorParameters<typeof FakeSocket>[1]) => {
    const socket = new FakeSocket(namespace, opts);
    h.sockets.push(socket);
    return socket;
  },
};
export const lastSocket = () => h.sockets[h.sockets.length - 1]!;
