// One-call ways for tests to open the /display feed: connect and wait for a held view, or attempt a
// handshake that must be refused. Imported through test/helpers/display-client.ts.
import type { DisplayClientOptions, HandshakeRefusal } from "./display-client-types.js";
import { DisplayClient } from "./display-socket-client.js";

/** Connects a display client and resolves once it holds a view (rejects on a handshake refusal). */
export async function connectDisplay(opts: DisplayClientOptions, timeoutMs = 5000): Promise<DisplayClient> {
  const client = new DisplayClient(opts);
  try {
    await client.waitFor((c) => (c.connected && c.view !== null) || c.refusals.length > 0, timeoutMs, "connected with a held view");
  } catch (err) {
    client.close();
    throw err;
  }
  if (client.refusals.length > 0) {
    client.close();
    const r = client.refusals[0] as HandshakeRefusal;
    throw new Error(`display handshake refused: ${r.code ?? "?"} ${r.message}`);
  }
  return client;
}

/** Attempts a display handshake that is expected to be refused; resolves with the refusal. */
export async function expectDisplayRefusal(opts: Omit<DisplayClientOptions, "reconnection">, timeoutMs = 5000): Promise<HandshakeRefusal> {
  const client = new DisplayClient({ ...opts, reconnection: false });
  try {
    await client.waitFor((c) => c.connected || c.refusals.length > 0, timeoutMs, "a handshake outcome");
    if (client.connected) throw new Error("display handshake unexpectedly succeeded");
    return client.refusals[0] as HandshakeRefusal;
  } finally {
    client.close();
  }
}
