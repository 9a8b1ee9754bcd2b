// Test support for the staff console's tests (imported only by *.test.ts): a stand-in for the /staff
// socket that records what was emitted and answers `action`s the way a test says, and the identity,
// hall and online item list (the service guides) the console loads over HTTP.
import { reactive } from "vue";
import type { Ack, HallConfig, ServiceItem, StaffActionResult, StaffView, WhoAmI } from "../../../contract/index.js";
import type { ConnectionState } from "../socket.js";
import { FakeEmitter } from "./fake-emitter.js";
import type { OnlineItemList } from "./staff-guide.js";

export type Reply = (action: Record<string, unknown>) => Ack<StaffActionResult> | "no answer";

export class FakeStaffSocket extends FakeEmitter {
  connected = false;
  readonly state = reactive<ConnectionState>({ status: "connecting", refusal: null, lostAt: null });
  /** Every action emitted, in order (a resend appears again with the same id). */
  readonly sent: Record<string, unknown>[] = [];
  reply: Reply = (a) => ({ ok: true, data: { id: String(a.id), status: "accepted" } });
  view: StaffView | null = null;

  disconnect() {
    this.connected = false;
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    const ack = args[args.length - 1] as (reply: Ack<StaffView>) => void;
    if (event === "view" && this.view) ack({ ok: true, data: this.view });
    return this;
  }
  timeout(_ms: number) {
    return {
      emitWithAck: (_event: string, action: Record<string, unknown>) => {
        this.sent.push(action);
        const answer = this.reply(action);
        // "no answer": the ack never comes (a lost connection); the caller's timeout decides.
        return answer === "no answer" ? new Promise<never>(() => {}) : Promise.resolve(answer);
      },
    };
  }

  /** The server side: connect, push a view, drop the connection. */
  up() {
    this.connected = true;
    this.state.status = "connected";
    this.fire("connect");
  }
  down() {
    this.connected = false;
    this.state.status = "offline";
    this.fire("disconnect", "transport close");
  }
  push(view: StaffView) {
    this.view = view;
    this.fire("staff.view", view);
  }
}

export const WHO: WhoAmI = { tokenId: "tok1", role: "staff", hallId: "h1", windowId: "w1", label: null };

export const HALL: HallConfig = {
  name: "测试大厅",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "social", name: "社会保险", itemCodes: [] },
    { id: "estate", name: "不动产登记", itemCodes: [] },
  ],
  windows: [{ id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] }],
  targets: { waitMinutes: 20 },
};

/**
 * The version a view names unless a test says otherwise: the one the HTTP stand-in holds, as the server's
 * would (null when no list was imported; 1 when the stand-in answers an error).
 */
function versionHeld(): number | null {
  const list = fakeHttp.onlineItems;
  return list === null ? null : "status" in list ? 1 : list.version;
}

export function staffView(over: Partial<StaffView> = {}, state: StaffView["window"]["state"] = "open"): StaffView {
  return {
    hallId: "h1",
    windowId: "w1",
    at: "2026-11-25T01:00:00.000Z",
    window: { name: "1号窗口", department: "人社局", categories: ["social"], state, stateSince: "2026-11-25T00:30:00.000Z" },
    currentTicket: null,
    queue: [{ categoryId: "social", waiting: 2, greenWaiting: 1, oldestWaitSeconds: 600 }],
    next: { ticketNo: "G001", categoryId: "social", priority: "green", reason: "green", waitedSeconds: 120 },
    today: { served: 3, avgHandleSeconds: 420, ratingAvg: 4.5, ratingCount: 2 },
    onlineListVersion: versionHeld(),
    ...over,
  };
}

export const calledTicket = (phase: "called" | "serving" = "called") => ({
  ticketId: "t1",
  ticketNo: "A001",
  categoryId: "social",
  itemCode: "SB-001",
  priority: "normal" as const,
  waitedSeconds: 300,
  phase,
  since: "2026-11-25T00:58:00.000Z",
  calls: 1,
});

/** Lets pending promise callbacks (acks) run. */
export const settleAsync = () => new Promise((r) => setTimeout(r, 0));

/** The online list's item for the tickets of calledTicket() (SB-001). */
export const GUIDE_ITEM: ServiceItem = {
  code: "SB-001",
  name: "城乡居民基本养老保险参保登记",
  department: "人社局",
  type: "公共服务",
  promisedDays: 0,
  legalDays: 20,
  maxVisits: 0,
  fullyOnline: true,
  fees: "不收费",
  conditions: "",
  materials: [
    { name: "居民身份证（原件）", form: "original", copies: 1, required: true },
    { name: "户口簿", form: "copy", copies: 1, required: true },
    { name: "近期一寸免冠照片", form: "original", copies: 2, required: false },
  ],
};

export const ONLINE_LIST: OnlineItemList = {
  version: 3,
  items: [GUIDE_ITEM, { ...GUIDE_ITEM, code: "BDC-001", name: "不动产首次登记", department: "自然资源局", promisedDays: 5, legalDays: 30, maxVisits: 1, fullyOnline: false, materials: [] }],
};

/**
 * What the HTTP stand-in answers (tests change `onlineItems`; null = no list imported, 404). The mocked
 * apiRequest turns `{ status }` into an ApiError. staffView() names the version held here by default.
 */
export const fakeHttp = {
  onlineItems: null as OnlineItemList | null | { status: number; code: string; message: string },
  answer(path: string): { ok: true; body: unknown } | { ok: false; status: number; code: string; message: string } {
    if (path === "/api/me") return { ok: true, body: WHO };
    if (path.endsWith("/items/online")) {
      const list = this.onlineItems;
      if (list === null) return { ok: false, status: 404, code: "not_found", message: "item list version not found" };
      return "status" in list ? { ok: false, ...list } : { ok: true, body: list };
    }
    return { ok: true, body: HALL };
  },
  reset() {
    this.onlineItems = null;
  },
};
