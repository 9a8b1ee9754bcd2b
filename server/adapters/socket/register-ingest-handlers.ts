// /ingest: `event` and `events` with acks. Every reply uses the one Ack shape; a storage failure is an
// error reply (never a false `accepted`) so that the sender retries.
import type { Namespace } from "socket.io";
import type {
  Ack,
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData,
} from "../../../contract/index.js";
import { MAX_EVENTS_PER_BATCH } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { IngestEvents } from "../../app/ingest-events.js";
import { StorageError } from "../group-commit.js";
import { requireKnownHall } from "./socket-auth.js";

type IngestNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export function failure(err: unknown): Ack<never> {
  if (err instanceof StorageError)
    return { ok: false, error: { code: "storage_unavailable", message: "the event log cannot be written right now; retry later" } };
  return { ok: false, error: { code: "internal", message: "internal error" } };
}

export function registerIngestHandlers(
  ns: IngestNamespace,
  ingest: IngestEvents,
  directory: HallDirectory,
  onFailure: (err: unknown) => void = () => undefined,
): void {
  ns.use(requireKnownHall(directory));
  ns.on("connection", (socket) => {
    const hallId = socket.data.hallId as string;
    socket.on("event", async (event, ack) => {
      if (typeof ack !== "function") return;
      try {
        const [result] = await ingest.ingest(hallId, [event], "socket");
        ack({ ok: true, data: result as NonNullable<typeof result> });
      } catch (err) {
        onFailure(err);
        ack(failure(err));
      }
    });
    socket.on("events", async (events, ack) => {
      if (typeof ack !== "function") return;
      if (!Array.isArray(events) || events.length > MAX_EVENTS_PER_BATCH)
        return ack({ ok: false, error: { code: "bad_request", field: "events", message: `events: expected an array of at most ${MAX_EVENTS_PER_BATCH} events` } });
      try {
        ack({ ok: true, data: { results: await ingest.ingest(hallId, events, "socket") } });
      } catch (err) {
        onFailure(err);
        ack(failure(err));
      }
    });
  });
}
