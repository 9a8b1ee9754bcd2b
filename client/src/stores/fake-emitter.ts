// The listener half of a socket.io-client socket, for the stores' test doubles (overview-fake-socket.ts,
// staff-test-support.ts): what the code under test registers, and `fire` to play the server's side.
export type Handler = (...args: unknown[]) => void;

export class FakeEmitter {
  readonly handlers = new Map<string, Handler[]>();

  on(event: string, fn: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }

  removeAllListeners() {
    this.handlers.clear();
    return this;
  }

  /** Calls the listeners registered when it starts (one registered meanwhile waits for the next). */
  fire(event: string, ...args: unknown[]) {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }
}
