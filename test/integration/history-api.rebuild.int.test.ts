// GET …/history after late events, POST …/history/rebuild, and a rebuild after the rollup rows were wiped.
import { describe, expect, it } from "vitest";
import type { HistoryGroup, HistoryResponse, HistoryRow } from "../../contract/index.js";
import { admin, D1, D2, D3, expectCategoriesEqual, expectWindowsEqual, HALL, history, loadOfDay, type RollupStatus, sendAll, server, settle, setUpHistoryServer, sum, tokens } from "../helpers/history-fixture.js";
import { withLogDb } from "../helpers/log-db.js";

setUpHistoryServer();

describe("late events and rebuilds", () => {
  it("a late batch for a past day corrects that day's buckets", async () => {
    const before = (await history(D2, D2, "day")).rows[0] as HistoryRow;
    const beforeCat = (await history(D2, D2, "category")).rows.find((r) => r.key === "real-estate") as HistoryRow;
    const at = (hhmm: string) => `${D2}T${hhmm}:00+08:00`;
    const ticketId = `late-${D2}-1`;
    const base = { hallId: HALL };
    await sendAll([
      { ...base, id: `late:${D2}:1`, ts: at("10:00"), type: "ticket.issued", ticketId, ticketNo: "L001", categoryId: "real-estate", channel: "kiosk" },
      { ...base, id: `late:${D2}:2`, ts: at("10:02"), type: "ticket.called", ticketId, windowId: "w11" },
      { ...base, id: `late:${D2}:3`, ts: at("10:03"), type: "service.started", ticketId, windowId: "w11" },
      { ...base, id: `late:${D2}:4`, ts: at("10:09"), type: "service.completed", ticketId, windowId: "w11", outcome: "done" },
    ]);
    await settle();

    const day = await history(D2, D2, "day");
    expect(day.pendingDays).toBe(0);
    const after = day.rows[0] as HistoryRow;
    expect({ served: after.served, arrivals: after.arrivals }).toEqual({ served: before.served + 1, arrivals: before.arrivals + 1 });
    const afterCat = (await history(D2, D2, "category")).rows.find((r) => r.key === "real-estate") as HistoryRow;
    expect({ served: afterCat.served, arrivals: afterCat.arrivals }).toEqual({ served: beforeCat.served + 1, arrivals: beforeCat.arrivals + 1 });

    const load = await loadOfDay(D2);
    expectWindowsEqual(await history(D2, D2, "window"), load);
    expectCategoriesEqual(await history(D2, D2, "category"), load);
    expect(after.served).toBe(sum(load.windows.map((w) => w.served)));
    expect(after.arrivals).toBe(sum(load.categories.map((c) => c.arrivals)));
  });

  const GROUPS: HistoryGroup[] = ["window", "department", "category", "hour", "weekday", "day"];
  async function snapshot(): Promise<Record<string, Omit<HistoryResponse, "pendingDays">>> {
    const out: Record<string, Omit<HistoryResponse, "pendingDays">> = {};
    for (const g of GROUPS) {
      const { pendingDays: _pending, ...body } = await history(D1, D3, g);
      out[g] = body;
    }
    return out;
  }

  it("POST …/history/rebuild is admin only, answers 202 with the marked days, and leaves the figures unchanged", async () => {
    const before = await snapshot();
    const path = `/api/halls/${HALL}/history/rebuild`;
    expect((await admin.as(tokens.manager).request("POST", path)).status).toBe(403);
    expect((await admin.as(tokens.staff).request("POST", path)).status).toBe(403);
    expect((await admin.as(tokens.otherManager).request("POST", path)).status).toBe(403);
    expect((await admin.as(null).request("POST", path)).status).toBe(401);

    const res = await admin.as(tokens.hallAdmin).request<{ markedDays: number } & RollupStatus>("POST", path);
    expect(res.status).toBe(202);
    expect(res.body.markedDays).toBeGreaterThanOrEqual(3);
    expect(res.body.pendingDays).toBeGreaterThan(0);
    await settle();
    expect(await snapshot()).toEqual(before);
  });

  it("rebuilds the same figures after the rollup rows were wiped from the storage", async () => {
    const before = await snapshot();
    await withLogDb(
      server,
      (db) =>
        db.exec(`delete from "WindowRollup"; delete from "CategoryRollup"; delete from "WaitSample"; delete from "WindowDay"; delete from "CategoryDay"; delete from "HourDay"; delete from "WaitDay";`),
      { write: true },
    );
    // The rows are gone: history is empty until the rebuild.
    const empty = await history(D1, D3, "window");
    expect({ rows: empty.rows, imbalance: empty.imbalance }).toEqual({ rows: [], imbalance: [] });

    const res = await admin.request<{ markedDays: number }>("POST", `/api/halls/${HALL}/history/rebuild`);
    expect(res.status).toBe(202);
    expect(res.body.markedDays).toBeGreaterThanOrEqual(3);
    // Today was recomputed by the previous rebuild moments ago and waits up to 30 s; the past days do not.
    await settle({ todayMayWait: true });
    expect(await snapshot()).toEqual(before);
    expectWindowsEqual(await history(D3, D3, "window"), await loadOfDay(D3));
  });
});
