// The staff console's data and actions: the token and what it is (GET /api/me), the hall's names
// (GET /api/halls/:hallId — never the hall-wide /load, which a staff token may not read), the console's
// own view pushed on /staff as `staff.view`, and the outbox of actions (staff-outbox.ts) sent one at a
// time over `action` with their client-made ids. An action counts as done only on an `{ ok: true }`
// ack; refusals are kept and shown. The hall's online item list, for the current ticket's service guide
// (staff-guide.ts), is read when the versions the views name call for it (staff-guide-loader.ts).
// The commands a person presses are in staff-commands.ts; what is kept in local storage in staff-storage.ts.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { HallConfig, StaffActionType, StaffView, WhoAmI } from "../../../contract/index.js";
import { ApiError, apiRequest } from "../api/http.js";
import { forgetToken, saveToken } from "../auth/token-storage.js";
import { newActionId, dismiss as dismissPending, type OutgoingAction } from "./pending-actions.js";
import { staffCommands } from "./staff-commands.js";
import { availableCommands, projectContext, type TicketRef } from "./staff-context.js";
import type { ShownError } from "./staff-errors.js";
import { guideFor } from "./staff-guide.js";
import { createGuideLoader } from "./staff-guide-loader.js";
import { createStaffOutbox } from "./staff-outbox.js";
import { LAST_SERVED_KEY, readJson, STAFF_ID_KEY, storage } from "./staff-storage.js";

export type { ActivityEntry } from "./staff-activity.js";
export { ACK_TIMEOUT_MS } from "./staff-outbox.js";
export { LAST_SERVED_KEY, PENDING_KEY, STAFF_ID_KEY } from "./staff-storage.js";

export type SignInProblem = { kind: "refused"; error: ShownError } | { kind: "notStaff"; role: string };

export const useStaffStore = defineStore("staff", () => {
  const token = ref<string | null>(null);
  const identity = shallowRef<WhoAmI | null>(null);
  const hall = shallowRef<HallConfig | null>(null);
  const hallError = shallowRef<ShownError | null>(null);
  const view = shallowRef<StaffView | null>(null);
  /** When the view arrived (this computer's clock), to tick durations without trusting clock offsets. */
  const viewReceivedAt = ref<number | null>(null);
  const outbox = createStaffOutbox({
    token: () => token.value,
    onConnect: () => {
      if (!identity.value || !hall.value) void loadIdentity();
    },
    onView,
  });
  const { connection, pending, activity, setPending, disconnect } = outbox;
  const signInProblem = shallowRef<SignInProblem | null>(null);
  const staffId = ref<string | null>(storage()?.getItem(STAFF_ID_KEY) ?? null);
  const lastServed = shallowRef<TicketRef | null>(readJson<TicketRef>(LAST_SERVED_KEY));

  const guideLoader = createGuideLoader({ token: () => token.value, latestView: () => view.value });
  const guideSource = guideLoader.source;

  const windowId = computed(() => identity.value?.windowId ?? view.value?.windowId ?? null);
  const context = computed(() => projectContext(view.value, pending.value));
  const available = computed(() => availableCommands(context.value, lastServed.value));
  const guide = computed(() => {
    const cur = view.value?.currentTicket ?? null;
    return guideFor(guideSource.value, cur?.itemCode, cur !== null);
  });

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
    outbox.connect();
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

  /** Queues an action (persisted at once), naming the token's window, and sends what is waiting if connected. */
  function send(type: StaffActionType, fields: Record<string, unknown> = {}, ticketNo?: string): string {
    const id = newActionId();
    const own = windowId.value;
    const windowField = own ? (type === "ticket.transferred" ? { fromWindowId: own } : { windowId: own }) : {};
    const action = { id, type, ...windowField, ...fields } as OutgoingAction;
    outbox.queue(action, ticketNo);
    return id;
  }

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
    flush: outbox.flush,
    send,
    dismiss(id: string) {
      setPending(dismissPending(pending.value, id));
    },
    stop: disconnect,
    rememberStaffId,
    ...staffCommands({ send, ticket: () => context.value.ticket, lastServed: () => lastServed.value, setLastServed, rememberStaffId }),
  };
});
