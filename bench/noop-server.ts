// Baseline server for the ingest and event-to-wall measurements: plain socket.io on the same transport,
// no storage, no computation. /ingest acks every `events` batch at once with one result per event (the
// same shape and size of reply as HallPulse's); with RELAY=1 a batch holding an event of the probe
// window is also broadcast at once to every /display socket as an update padded to PAD_BYTES.
//   node --import tsx bench/noop-server.ts   (prints {"port": n} on stdout when listening)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const probeWindow = process.env.PROBE_WINDOW ?? "wprobe";
const pad = "x".repeat(Number(process.env.PAD_BYTES ?? 0));
const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false, transports: ["websocket"] });
const display = io.of("/display");
let seq = 0;
io.of("/ingest").on("connection", (socket) => {
  socket.on("events", (events: { id: string; type: string; windowId?: string }[], ack: (reply: unknown) => void) => {
    if (typeof ack !== "function" || !Array.isArray(events)) return;
    ack({ ok: true, data: { results: events.map((e) => ({ id: e.id, status: "accepted" })) } });
    if (process.env.RELAY === "1")
      for (const e of events)
        if (e.windowId === probeWindow) {
          const state = e.type === "window.paused" ? "paused" : e.type === "window.closed" ? "closed" : "open";
          display.emit("update", { baseSeq: seq, seq: ++seq, view: { windows: [{ windowId: probeWindow, state }] }, pad });
        }
  });
});
display.on("connection", (socket) => socket.emit("snapshot", { seq, view: { windows: [] }, hall: null }));
httpServer.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: (httpServer.address() as AddressInfo).port })}\n`));
process.on("SIGTERM", () => {
  void io.close();
  process.exit(0);
});
