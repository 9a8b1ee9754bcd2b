// socket.io plumbing for the /ingest and /staff targets: connecting with a token, and emitting with an
// ack that never throws (a missing ack becomes a value the verdict reports).
import { io, type Socket } from "socket.io-client";

export const ACK_TIMEOUT_MS = 30_000;

export function connect(url: string, ns: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(`${url}${ns}`, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(new Error(`${ns} refused: ${err.message}`)));
  });
}

export async function emitAck(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  try {
    return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  } catch (err) {
    return { __noAck: err instanceof Error ? err.message : String(err) };
  }
}
