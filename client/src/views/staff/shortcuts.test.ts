// Keyboard shortcuts map to the console's commands (never while typing or with a modifier), and each
// command is offered only when it makes sense — also for actions still waiting to be sent.
import { describe, expect, it } from "vitest";
import type { PendingAction } from "../../stores/pending-actions.js";
import { availableCommands, COMMANDS, projectContext, type ConsoleContext } from "../../stores/staff-context.js";
import { calledTicket, staffView } from "../../stores/staff-test-support.js";
import { commandForKey, SHORTCUTS } from "./shortcuts.js";

const el = (tag: string, type?: string) => {
  const e = document.createElement(tag);
  if (type) e.setAttribute("type", type);
  return e;
};
const ctx = (over: Partial<ConsoleContext>): ConsoleContext => ({ state: "open", ticket: null, callPending: false, ...over });
const pend = (type: PendingAction["action"]["type"], extra: Record<string, unknown> = {}, status: PendingAction["status"] = "waiting"): PendingAction => ({
  action: { id: `p-${type}`, type, ...extra },
  queuedAt: 0,
  status,
  error: null,
  attempts: 0,
});

describe("keyboard shortcuts", () => {
  it("give every command its own letter, either case", () => {
    const letters = COMMANDS.map((c) => SHORTCUTS[c]);
    expect(new Set(letters).size).toBe(COMMANDS.length);
    expect(commandForKey({ key: "n" })).toBe("callNext");
    expect(commandForKey({ key: "N" })).toBe("callNext");
    expect(
      Object.fromEntries(["n", "r", "s", "c", "x", "t", "e", "o", "p", "u", "q"].map((k) => [k, commandForKey({ key: k })])),
    ).toEqual({ n: "callNext", r: "recall", s: "start", c: "complete", x: "noShow", t: "transfer", e: "evaluate", o: "open", p: "pause", u: "resume", q: "close" });
  });

  it("do nothing with a modifier, a held key, an unknown key or while typing in a field", () => {
    expect(commandForKey({ key: "n", ctrlKey: true })).toBeNull();
    expect(commandForKey({ key: "n", altKey: true })).toBeNull();
    expect(commandForKey({ key: "n", metaKey: true })).toBeNull();
    expect(commandForKey({ key: "n", repeat: true })).toBeNull();
    expect(commandForKey({ key: "z" })).toBeNull();
    expect(commandForKey({ key: "n", target: el("input") })).toBeNull();
    expect(commandForKey({ key: "n", target: el("textarea") })).toBeNull();
    expect(commandForKey({ key: "n", target: el("select") })).toBeNull();
    expect(commandForKey({ key: "n", target: el("button") })).toBe("callNext");
    expect(commandForKey({ key: "n", target: el("input", "radio") })).toBe("callNext");
  });
});

describe("which commands are offered", () => {
  it("follows the window's state and the ticket's phase", () => {
    const set = (c: ConsoleContext, lastServed = false) => [...availableCommands(c, lastServed ? { ticketId: "t0", ticketNo: "A000", categoryId: null } : null)].sort();
    expect(set(ctx({ state: "closed" }))).toEqual(["open"]);
    expect(set(ctx({ state: "paused" }))).toEqual(["close", "resume"]);
    expect(set(ctx({}))).toEqual(["callNext", "close", "pause"]);
    const called = { ticketId: "t1", ticketNo: "A001", categoryId: "social", phase: "called" as const };
    expect(set(ctx({ ticket: called }))).toEqual(["close", "noShow", "pause", "recall", "start", "transfer"]);
    expect(set(ctx({ ticket: { ...called, phase: "serving" } }), true)).toEqual(["close", "complete", "evaluate", "pause", "transfer"]);
    expect(set(ctx({ callPending: true }))).toEqual(["close", "pause"]);
    expect(set(ctx({ state: null }))).toEqual([]);
  });

  it("counts actions still waiting to be sent, not refused ones", () => {
    const closed = staffView({}, "closed");
    expect(projectContext(closed, [pend("window.opened", { staffId: "s1" })]).state).toBe("open");
    expect(projectContext(closed, [pend("window.opened", { staffId: "s1" }, "refused")]).state).toBe("closed");
    const called = staffView({ currentTicket: calledTicket("called") });
    expect(projectContext(called, [pend("service.started", { ticketId: "t1" })]).ticket?.phase).toBe("serving");
    expect(projectContext(called, [pend("service.started", { ticketId: "other" })]).ticket?.phase).toBe("called");
    expect(projectContext(called, [pend("ticket.no_show", { ticketId: "t1" })]).ticket).toBeNull();
    expect(projectContext(staffView(), [pend("call.next")])).toMatchObject({ ticket: null, callPending: true });
    expect(projectContext(called, [pend("window.closed")])).toMatchObject({ state: "closed", ticket: null });
    expect(projectContext(null, [])).toEqual({ state: null, ticket: null, callPending: false });
  });
});
