// The staff console's data and actions: the token and what it is (GET /api/me), the hall's names
// (GET /api/halls/:hallId — never the hall-wide /load, which a staff token may not read), the console's
// own view pushed on /staff as `staff.view`, and the outbox of actions (pending-actions.ts) sent one at
// a time over `action` with their client-made ids. An action counts as done only on an `{ ok: true }`
// ack; refusals are kept and shown. The hall's online item list, for the current ticket's service guide
// (staff-guide.ts), is read when the versions the views name call for it (staff-guide-loader.ts).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { Ack, HallConfig, Outcome, StaffActionResult, StaffActionType, StaffView, WhoAmI } from "../../../contract/index.js";
import { ApiError, apiRequest } from "../api/http.js";
import { forgetToken, saveToken } from "../auth/token-storage.js";
import { connectNamespace, type ConnectionState, type HallSocket } from "../socket.js";
import { deserialize, enqueue, markSending, newActionId, nextToSend, resetSending, serialize, settle, dismiss as dismissPending, type OutgoingAction, type PendingAction } from "./pending-actions.js";
import { activityEntry, type ActivityEntry } from "./staff-activity.js";
import { availableCommands, projectContext, type TicketRef } from "./staff-context.js";
import type { ShownError } from "./staff-errors.js";
import { guideFor } from "./staff-guide.js";
import { createGuideLoader } from "./staff-guide-loader.js";

export type { ActivityEntry } from "./staff-activity.js";

export const PENDING_KEY = "hallpulse.staff.pending";
export const STAFF_ID_KEY = "hallpulse.staff.staffId";
export const LAST_SERVED_KEY = "hallpulse.staff.lastServed";
export const ACK_TIMEOUT_MS = 10_000;
const RETRY_AFTER_MS = 3_000;
const ACTIVITY_KEPT = 30;

export type SignInProblem = { kind: "refused"; error: ShownError } | { kind: "notStaff"; role: string };

const storage = () => globalThis.localStorage as Storage | undefined;

function readJson<T>(key: string): T | null {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export const useStaffStore = defineStore("staff", () => {
  const token = ref<string | null>(null);
  const identity = shallowRef<WhoAmI | null>(null);
  const hall = shallowRef<HallConfig | null>(null);
  const hallError = shallowRef<ShownError | null>(null);
  const view = shallowRef<StaffView | null>(null);
  /** When the view arrived (this computer's clock), to tick durations without trusting clock offsets. */
  const viewReceivedAt = ref<number | null>(null);
  const connection = shallowRef<ConnectionState | null>(null);
  const pending = shallowRef<PendingAction[]>(deserialize(storage()?.getItem(PENDING_KEY) ?? null));
  const activity = shallowRef<ActivityEntry[]>([]);
  const signInProblem = shallowRef<SignInProblem | null>(null);
  const staffId = ref<string | null>(storage()?.getItem(STAFF_ID_KEY) ?? null);
  const lastServed = shallowRef<TicketRef | null>(readJson<TicketRef>(LAST_SERVED_KEY));

  let socket: HallSocket | null = null;
  let flushing = false;
  /** Bumped on every disconnect: a send loop of an older connection stops without touching state. */
  let generation = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const guideLoader = createGuideLoader({ token: () => token.value, latestView: () => view.value });
  const guideSource = guideLoader.source;

  const windowId = computed(() => identity.value?.windowId ?? view.value?.windowId ?? null);
  const context = computed(() => projectContext(view.value, pending.value));
  const available = computed(() => availableCommands(context.value, lastServed.value));
  const guide = computed(() => {
    const cur = view.value?.currentTicket ?? null;
    return guideFor(guideSource.value, cur?.itemCode, cur !== null);
  });

  function setPending(list: PendingAction[]) {
    pending.value = list;
    storage()?.setItem(PENDING_KEY, serialize(list));
  }

  function setLastServed(t: TicketRef | null) {
    lastServed.value = t;
    if (t) storage()?.setItem(LAST_SERVED_KEY, JSON.stringify(t));
    else storage()?.removeItem(LAST_SERVED_KEY);
  }

  function start(t: string) {
    if (token.value !== null && token.value !== t) {
      // Another token may be another window: nothing of the previous one may carry over.
      identity.value = null;
      hall.value = null;
      view.value = null;
      setLastServed(null);
      guideLoader.reset();
    }
    token.value = t;
    signInProblem.value = null;
    connect();
    void loadIdentity();
  }

  function signIn(t: string) {
    saveToken("staff", t.trim());
    start(t.trim());
  }

  function signOut() {
    forgetToken("staff");
    disconnect();
    token.value = null;
    identity.value = null;
    hall.value = null;
    view.value = null;
    connection.value = null;
    guideLoader.reset();
  }


  function connect() {
    disconnect();
    const c = connectNamespace("/staff", () => ({ token: token.value }));
    socket = c.socket;
    connection.value = c.state;
    socket.on("connect", () => {
      if (!identity.value || !hall.value) void loadIdentity();
      void flush();
    });
    socket.on("disconnect", () => {
      generation += 1;
      flushing = false;
      setPending(resetSending(pending.value));
    });
    socket.on("staff.view", onView);
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

  function onView(v: StaffView) {
    view.value = v;
    guideLoader.sync(v.hallId, v.onlineListVersion);
    viewReceivedAt.value = Date.now();
    const known = new Set(hall.value?.categories.map((c) => c.id) ?? []);
    if (hall.value && v.window.categories.some((c) => !known.has(c))) void loadHall(v.hallId);
  }

  async function loadIdentity() {
    const t = token.value;
    if (!t) return;
    try {
      const me = await apiRequest<WhoAmI>(t, "GET", "/api/me");
      if (t !== token.value) return;
      if (me.role !== "staff" || !me.hallId || !me.windowId) {
        signInProblem.value = { kind: "notStaff", role: me.role };
        disconnect();
        return;
      }
      identity.value = me;
      await loadHall(me.hallId);
    } catch (err) {
      // A network failure heals on the next connection; a refusal is the token's and is shown.
      if (err instanceof ApiError && err.code !== "network" && t === token.value)
        signInProblem.value = { kind: "refused", error: { code: err.code, message: err.message, field: err.field } };
    }
  }

  async function loadHall(hallId: string) {
    const t = token.value;
    if (!t) return;
    try {
      hall.value = await apiRequest<HallConfig>(t, "GET", `/api/halls/${encodeURIComponent(hallId)}`);
      hallError.value = null;
    } catch (err) {
      if (err instanceof ApiError && err.code !== "network") hallError.value = { code: err.code, message: err.message, field: err.field };
    }
  }

  /** Queues an action (persisted at once) and sends what is waiting if connected. */
  function send(type: StaffActionType, fields: Record<string, unknown> = {}, ticketNo?: string): string {
    const id = newActionId();
    const own = windowId.value;
    const windowField = own ? (type === "ticket.transferred" ? { fromWindowId: own } : { windowId: own }) : {};
    const action = { id, type, ...windowField, ...fields } as OutgoingAction;
    setPending(enqueue(pending.value, action, Date.now(), ticketNo));
    void flush();
    return id;
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
      if (ack.ok && s === socket) onView(ack.data);
    });
  }

  const ticket = () => context.value.ticket;

  function rememberStaffId(id: string) {
    staffId.value = id;
    storage()?.setItem(STAFF_ID_KEY, id);
  }

  return {
    token,
    identity,
    hall,
    hallError,
    view,
    viewReceivedAt,
    connection,
    pending,
    activity,
    signInProblem,
    staffId,
    lastServed,
    guideSource,
    guide,
    windowId,
    context,
    available,
    start,
    signIn,
    signOut,
    flush,
    send,
    dismiss(id: string) {
      setPending(dismissPending(pending.value, id));
    },
    stop: disconnect,
    rememberStaffId,
    open(id: string) {
      rememberStaffId(id);
      send("window.opened", { staffId: id });
    },
    pause(reason: string | null) {
      send("window.paused", reason ? { reason } : {});
    },
    resume: () => send("window.resumed"),
    close: () => send("window.closed"),
    callNext: () => send("call.next"),
    recall() {
      const t = ticket();
      if (t) send("ticket.called", { ticketId: t.ticketId }, t.ticketNo);
    },
    noShow() {
      const t = ticket();
      if (t) send("ticket.no_show", { ticketId: t.ticketId }, t.ticketNo);
    },
    startService() {
      const t = ticket();
      if (t) send("service.started", { ticketId: t.ticketId }, t.ticketNo);
    },
    complete(outcome: Outcome, materials: string[]) {
      const t = ticket();
      if (!t) return;
      send("service.completed", { ticketId: t.ticketId, outcome, ...(outcome === "needs_materials" && materials.length > 0 ? { requestedMaterials: materials } : {}) }, t.ticketNo);
      setLastServed({ ticketId: t.ticketId, ticketNo: t.ticketNo, categoryId: t.categoryId });
    },
    transfer(toCategoryId: string) {
      const t = ticket();
      if (t) send("ticket.transferred", { ticketId: t.ticketId, toCategoryId }, t.ticketNo);
    },
    evaluate(rating: number, comment: string | null) {
      const t = lastServed.value;
      if (!t) return;
      send("evaluation.submitted", { ticketId: t.ticketId, rating, ...(comment ? { comment } : {}) }, t.ticketNo);
      setLastServed(null);
    },
  };
});
