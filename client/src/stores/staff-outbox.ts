// The staff console's /staff connection and the outbox sent over it: actions (pending-actions.ts) are
// persisted at once and sent one at a time over `action` with their client-made ids; one counts as done
// only on an `{ ok: true }` ack, refusals are kept, transient failures retried. After a done action the
// view is asked for again. A lost connection puts what was being sent back to waiting (same ids).
import { shallowRef } from "vue";
import type { Ack, StaffActionResult, StaffView } from "../../../contract/index.js";
import { connectNamespace, type ConnectionState, type HallSocket } from "../socket.js";
import { deserialize, enqueue, markSending, nextToSend, resetSending, serialize, settle, type OutgoingAction, type PendingAction } from "./pending-actions.js";
import { activityEntry, type ActivityEntry } from "./staff-activity.js";
import { PENDING_KEY, storage } from "./staff-storage.js";

export const ACK_TIMEOUT_MS = 10_000;
const RETRY_AFTER_MS = 3_000;
const ACTIVITY_KEPT = 30;

export interface StaffOutboxDeps {
  /** The token the connection authenticates with (read at each handshake). */
  token: () => string | null;
  /** On each connect, before what waits is sent (e.g. identity and hall read again when missing). */
  onConnect: () => void;
  /** A view pushed on `staff.view` or answered to `view`. */
  onView: (v: StaffView) => void;
}

export function createStaffOutbox(deps: StaffOutboxDeps) {
  const connection = shallowRef<ConnectionState | null>(null);
  const pending = shallowRef<PendingAction[]>(deserialize(storage()?.getItem(PENDING_KEY) ?? null));
  const activity = shallowRef<ActivityEntry[]>([]);

  let socket: HallSocket | null = null;
  let flushing = false;
  /** Bumped on every disconnect: a send loop of an older connection stops without touching state. */
  let generation = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function setPending(list: PendingAction[]) {
    pending.value = list;
    storage()?.setItem(PENDING_KEY, serialize(list));
  }

  function connect() {
    disconnect();
    const c = connectNamespace("/staff", () => ({ token: deps.token() }));
    socket = c.socket;
    connection.value = c.state;
    socket.on("connect", () => {
      deps.onConnect();
      void flush();
    });
    socket.on("disconnect", () => {
      generation += 1;
      flushing = false;
      setPending(resetSending(pending.value));
    });
    socket.on("staff.view", deps.onView);
  }

  function disconnect() {
    generation += 1;
    flushing = false;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    socket?.removeAllListeners();
    socket?.disconnect();
    socket = null;
  }

  /** Queues an action (persisted at once) and sends what is waiting if connected. */
  function queue(action: OutgoingAction, ticketNo?: string) {
    setPending(enqueue(pending.value, action, Date.now(), ticketNo));
    void flush();
  }

  async function flush(): Promise<void> {
    if (flushing || !socket?.connected) return;
    flushing = true;
    const gen = generation;
    const s = socket;
    try {
      for (;;) {
        const item = nextToSend(pending.value);
        if (!item || gen !== generation || !s.connected) break;
        setPending(markSending(pending.value, item.action.id));
        let answer: Ack<StaffActionResult> | "timeout";
        try {
          answer = await s.timeout(ACK_TIMEOUT_MS).emitWithAck("action", item.action);
        } catch {
          answer = "timeout";
        }
        const { list, outcome } = settle(pending.value, item.action.id, answer);
        setPending(list);
        const entry = activityEntry(item, answer, outcome, Date.now());
        if (entry) activity.value = [entry, ...activity.value].slice(0, ACTIVITY_KEPT);
        if (outcome === "done") refreshView(s);
        if (outcome === "retry") {
          scheduleRetry();
          break;
        }
      }
    } finally {
      if (gen === generation) flushing = false;
    }
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void flush();
    }, RETRY_AFTER_MS);
  }

  function refreshView(s: HallSocket) {
    s.emit("view", (ack) => {
      if (ack.ok && s === socket) deps.onView(ack.data);
    });
  }

  return { connection, pending, activity, setPending, connect, disconnect, queue, flush };
}
