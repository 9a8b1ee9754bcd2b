// The outbox rules: kept in order with their ids, removed only by an ok ack, refusals kept and shown,
// transient failures and lost acks sent again with the same id, and a stored list read back safely.
import { describe, expect, it } from "vitest";
import { ID_PATTERN } from "../../../contract/index.js";
import { deserialize, dismiss, enqueue, markSending, newActionId, nextToSend, resetSending, serialize, settle, type OutgoingAction, type PendingAction } from "./pending-actions.js";

const act = (id: string, type: OutgoingAction["type"] = "call.next", extra: Record<string, unknown> = {}): OutgoingAction => ({ id, type, ...extra });
const ok = (id: string) => ({ ok: true as const, data: { id, status: "accepted" as const } });
const refusal = (code: "forbidden" | "bad_request" | "storage_unavailable" | "not_found", field?: string) => ({
  ok: false as const,
  error: { code, message: field ? `${field}: no` : "no", ...(field ? { field } : {}) },
});

function queue(...ids: string[]): PendingAction[] {
  return ids.reduce<PendingAction[]>((l, id, i) => enqueue(l, act(id), 1000 + i), []);
}

describe("the pending-action outbox", () => {
  it("makes ids the contract accepts, each different", () => {
    const a = newActionId();
    expect(a).toMatch(ID_PATTERN);
    expect(newActionId()).not.toBe(a);
    expect(newActionId(() => "fixed")).toBe("st-fixed");
  });

  it("keeps actions in the order pressed and sends the oldest waiting one first", () => {
    const l = queue("a", "b", "c");
    expect(l.map((p) => [p.action.id, p.status])).toEqual([["a", "waiting"], ["b", "waiting"], ["c", "waiting"]]);
    expect(nextToSend(l)?.action.id).toBe("a");
    expect(nextToSend(markSending(l, "a"))?.action.id).toBe("b");
    expect(enqueue(l, act("a"), 5)).toHaveLength(3); // the same id is never queued twice
  });

  it("removes an action only on an ok ack", () => {
    const l = markSending(queue("a", "b"), "a");
    const r = settle(l, "a", ok("a"));
    expect(r.outcome).toBe("done");
    expect(r.list.map((p) => p.action.id)).toEqual(["b"]);
  });

  it("keeps a refusal, with the server's error, out of the sending order until dismissed", () => {
    const r = settle(markSending(queue("a", "b"), "a"), "a", refusal("forbidden", "windowId"));
    expect(r.outcome).toBe("refused");
    expect(r.list[0]).toMatchObject({ status: "refused", error: { code: "forbidden", field: "windowId", message: "windowId: no" } });
    expect(nextToSend(r.list)?.action.id).toBe("b");
    expect(dismiss(r.list, "b")).toHaveLength(2); // a waiting action cannot be dismissed
    expect(dismiss(r.list, "a").map((p) => p.action.id)).toEqual(["b"]);
  });

  it("sends again, with the same id, after a transient failure, a lost ack or a lost connection", () => {
    const transient = settle(markSending(queue("a"), "a"), "a", refusal("storage_unavailable"));
    expect(transient.outcome).toBe("retry");
    expect(nextToSend(transient.list)?.action.id).toBe("a");
    const timeout = settle(markSending(queue("a"), "a"), "a", "timeout");
    expect(timeout.outcome).toBe("retry");
    expect(timeout.list[0]).toMatchObject({ status: "waiting", attempts: 1 });
    const lost = resetSending(markSending(queue("a", "b"), "a"));
    expect(lost.map((p) => p.status)).toEqual(["waiting", "waiting"]);
    expect(nextToSend(lost)?.action.id).toBe("a");
  });

  it("ignores an answer for an action no longer held (a repeated send already settled)", () => {
    const r = settle(queue("a"), "zzz", ok("zzz"));
    expect(r.outcome).toBe("unknown");
    expect(r.list).toHaveLength(1);
  });

  it("survives a reload: what was being sent waits again, refusals stay, junk is dropped", () => {
    let l = enqueue(queue("a"), act("b", "service.completed", { ticketId: "t1", outcome: "done" }), 7, "A001");
    l = settle(markSending(l, "a"), "a", refusal("bad_request", "rating")).list;
    l = markSending(l, "b");
    const back = deserialize(serialize(l));
    expect(back).toEqual([
      { ...l[0], status: "refused" },
      { ...l[1], status: "waiting" },
    ]);
    expect(back[1]?.ticketNo).toBe("A001");
    const junk = JSON.stringify([null, 5, { action: { id: "bad id!", type: "call.next" } }, { action: { id: "x", type: "nope" } }, { action: { id: "ok", type: "window.closed" } }]);
    expect(deserialize(junk).map((p) => p.action.id)).toEqual(["ok"]);
    expect(deserialize("{not json")).toEqual([]);
    expect(deserialize(null)).toEqual([]);
  });
});
