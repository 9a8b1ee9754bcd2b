// A /display client for integration tests: a real socket.io client (websocket transport) that keeps
// the held view the way a wall display must — a snapshot replaces it, an update is applied only when
// its baseSeq equals the held seq (older or repeated updates are ignored, a gap triggers `resync`) —
// and records every message with its arrival time so that tests can check the feed's promises.
//
// Tests import everything from here; the parts live beside it:
// - display-client-types.ts   the options and the records of messages and refusals;
// - display-held-view.ts      the display's rules for a snapshot or an update, as pure functions;
// - display-socket-client.ts  the DisplayClient class (the socket, the held state, waiting);
// - display-connect.ts        connectDisplay and expectDisplayRefusal.
export type { DisplayClientOptions, DisplaySocket, HandshakeRefusal, Outcome, Received, ReceivedSnapshot, ReceivedUpdate } from "./display-client-types.js";
export { connectDisplay, expectDisplayRefusal } from "./display-connect.js";
export { DisplayClient } from "./display-socket-client.js";
