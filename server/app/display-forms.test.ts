// The four forms of a /display update: compact and lean (no floor.tickets) apply on the same seqs, and a
// lean form leaves `floor` out when only the per-ticket list changed.
import { describe, expect, it } from "vitest";
import { applyLoadViewPatch, type LiveFloor, type LoadView } from "../../contract/index.js";
import { diffLoadViews } from "../domain/view-diff.js";
import { formKeyOf, leanView, snapshotForm, updateForms } from "./display-forms.js";

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
  it("maps the handshake choices to four forms", () => {
    expect(formKeyOf({ compact: false, floorTickets: true })).toBe("full");
    expect(formKeyOf({ compact: true, floorTickets: true })).toBe("compact");
    expect(formKeyOf({ compact: false, floorTickets: false })).toBe("lean");
    expect(formKeyOf({ compact: true, floorTickets: false })).toBe("compactLean");
  });

  it("leaves floor out of a lean update when only the per-ticket list changed, and keeps it in the full one", () => {
    const prev = view(floor(2, ["A1", "A2"]));
    const next = view(floor(2, ["A2", "A1"]), "2026-11-26T02:00:00.250Z");
    const { patch } = diffLoadViews(prev, next);
    const forms = updateForms(prev, next, patch, 2, 1);
    expect(forms.full.view.floor?.tickets?.map((t) => t.ticketNo)).toEqual(["A2", "A1"]);
    expect(forms.lean.view.floor).toBeUndefined();
    expect(forms.compactLean.view.floor).toBeUndefined();
    for (const f of Object.values(forms)) expect([f.seq, f.baseSeq]).toEqual([2, 1]);
  });

  it("sends a lean floor without tickets when the rest of it changed, and applying it gives the lean view", () => {
    const prev = view(floor(1, ["A1"]));
    const next = view(floor(2, ["A1", "A2"]), "2026-11-26T02:00:00.250Z");
    const { patch } = diffLoadViews(prev, next);
    const forms = updateForms(prev, next, patch, 2, 1);
    expect(forms.lean.view.floor).toEqual({ idle: [], waits: next.floor?.waits, warnings: [] });
    expect(applyLoadViewPatch(leanView(prev), forms.lean.view)).toEqual(leanView(next));
    expect(applyLoadViewPatch(prev, forms.full.view)).toEqual(next);
  });

  it("strips the list from a snapshot only for the lean forms", () => {
    const snap = { seq: 1, hall: null as never, view: view(floor(1, ["A1"])) };
    expect(snapshotForm(snap, "compact").view.floor?.tickets).toHaveLength(1);
    expect(snapshotForm(snap, "lean").view.floor && "tickets" in snapshotForm(snap, "lean").view.floor!).toBe(false);
  });
});
