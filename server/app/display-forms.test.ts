// The four forms of a /display update: compact and lean (no floor.tickets) apply on the same seqs, and a
// lean form leaves `floor` out when only the per-ticket list changed.
import { describe, expect, it } from "vitest";
import { applyLoadViewPatch, type DisplayUpdate, type LiveFloor, type LoadView, type WindowLoad } from "../../contract/index.js";
import { diffLoadViews } from "../domain/view-diff.js";
import { DISPLAY_FORM_KEYS, formKeyOf, leanView, snapshotForm, updateForms } from "./display-forms.js";

const floor = (waiting: number, tickets: string[]): LiveFloor => ({
  idle: [],
  waits: [{ categoryId: "c1", waiting, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null }],
  warnings: [],
  tickets: tickets.map((ticketNo, ahead) => ({ ticketNo, categoryId: "c1", ahead, p50Minutes: null, p80Minutes: null, basis: "unknown" as const, band: null })),
});

const view = (f: LiveFloor, to = "2026-11-26T02:00:00.000Z"): LoadView => ({
  hallId: "h",
  from: "2026-11-26T01:00:00.000Z",
  to,
  live: true,
  windows: [],
  categories: [],
  imbalance: { imbalanced: false, hotWindows: [], coldWindows: [], reason: null } as unknown as LoadView["imbalance"],
  recentCalls: [],
  floor: f,
});

describe("display forms", () => {
  it("maps the handshake choices to eight forms", () => {
    expect(formKeyOf({ compact: false, floorTickets: true, fieldDeltas: false })).toBe("full");
    expect(formKeyOf({ compact: true, floorTickets: true, fieldDeltas: false })).toBe("compact");
    expect(formKeyOf({ compact: false, floorTickets: false, fieldDeltas: false })).toBe("lean");
    expect(formKeyOf({ compact: true, floorTickets: false, fieldDeltas: true })).toBe("compact+lean+fields");
    expect(new Set(DISPLAY_FORM_KEYS).size).toBe(8);
  });

  it("leaves floor out of a lean update when only the per-ticket list changed, and keeps it in the full one", () => {
    const prev = view(floor(2, ["A1", "A2"]));
    const next = view(floor(2, ["A2", "A1"]), "2026-11-26T02:00:00.250Z");
    const { patch } = diffLoadViews(prev, next);
    const forms = updateForms(prev, next, patch, 2, 1);
    expect(forms.full.view.floor?.tickets?.map((t) => t.ticketNo)).toEqual(["A2", "A1"]);
    expect(forms.lean?.view.floor).toBeUndefined();
    expect(forms["compact+lean"]?.view.floor).toBeUndefined();
    expect(forms["compact+lean+fields"]?.view.floor).toBeUndefined();
    for (const f of Object.values(forms)) expect([f.seq, f.baseSeq]).toEqual([2, 1]);
  });

  it("sends a lean floor without tickets when the rest of it changed, and applying it gives the lean view", () => {
    const prev = view(floor(1, ["A1"]));
    const next = view(floor(2, ["A1", "A2"]), "2026-11-26T02:00:00.250Z");
    const { patch } = diffLoadViews(prev, next);
    const forms = updateForms(prev, next, patch, 2, 1);
    expect(forms.lean?.view.floor).toEqual({ idle: [], waits: next.floor?.waits, warnings: [] });
    expect(applyLoadViewPatch(leanView(prev), (forms.lean as DisplayUpdate).view)).toEqual(leanView(next));
    expect(applyLoadViewPatch(prev, forms.full.view)).toEqual(next);
  });

  it("strips the list from a snapshot only for the lean forms", () => {
    const snap = { seq: 1, hall: null as never, view: view(floor(1, ["A1"])) };
    expect(snapshotForm(snap, "compact").view.floor?.tickets).toHaveLength(1);
    expect(snapshotForm(snap, "lean").view.floor && "tickets" in snapshotForm(snap, "lean").view.floor!).toBe(false);
  });

  it("sends changed windows as their changed fields, and applying any form gives the same view", () => {
    const w = (windowId: string, openSeconds: number, served: number): WindowLoad =>
      ({ windowId, openSeconds, busySeconds: 10, utilization: 10 / openSeconds, served, avgHandleSeconds: null, ratingAvg: null, ratingCount: 0, eligible: true, hot: false, cold: false, state: "open", stateSince: null, currentTicket: null, servedToday: served }) as WindowLoad;
    const prev = { ...view(floor(1, ["A1"])), windows: [w("w1", 60, 1), w("w2", 60, 4)] };
    const next = { ...view(floor(1, ["A1"]), "2026-11-26T02:00:00.250Z"), windows: [w("w1", 60.25, 1), w("w2", 60, 5)] };
    const { patch } = diffLoadViews(prev, next);
    const forms = updateForms(prev, next, patch, 2, 1);
    const fields = forms["compact+lean+fields"]?.view;
    expect(fields?.windows).toBeUndefined();
    expect(fields?.windowFields).toEqual([
      { windowId: "w1", openSeconds: 60.25, utilization: 10 / 60.25 },
      { windowId: "w2", served: 5, servedToday: 5 },
    ]);
    for (const key of DISPLAY_FORM_KEYS) {
      const base = key.includes("lean") ? leanView(prev) : prev;
      const want = key.includes("lean") ? leanView(next) : next;
      expect(applyLoadViewPatch(base, (forms[key] as DisplayUpdate).view), key).toEqual(want);
    }
  });
});
