// Cluster notices between two nodes (issue #11), with both nodes' real directory, token service and
// calendar holder over one shared store and an in-memory bus standing in for PostgreSQL's NOTIFY (the
// real transport is tested in test/integration/postgres/cluster.pg.int.test.ts): a local change is
// announced once, the other node re-reads it, and a re-read is never announced again (no echo).
import { describe, expect, it } from "vitest";
import { CalendarHolder } from "./calendar-holder.js";
import { ClusterSync, type ClusterNotice, type ClusterNotices } from "./cluster-sync.js";
import { HallDirectory } from "./hall-directory.js";
import { oneWindowHall } from "../../test/helpers/hall-fixture.js";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import { MemoryTokens } from "../../test/helpers/memory-tokens.js";
import { TokenService } from "./token-service.js";
import type { CalendarYearData } from "../domain/calendar/working-calendar.js";

const hall = oneWindowHall;

/** The shared database: halls, tokens and calendar years. */
function store() {
  const years: CalendarYearData[] = [];
  const hallRepo = memoryHalls();
  const tokenRepo = new MemoryTokens();
  return { hallRepo, tokenRepo, years };
}

/** Delivers each notice to every other node, like NOTIFY to the other listeners. */
function bus() {
  const nodes: { id: number; handler: (n: ClusterNotice) => void }[] = [];
  const sent: { from: number; notice: ClusterNotice }[] = [];
  const transport = (id: number): ClusterNotices => ({
    start: async (onNotice) => void nodes.push({ id, handler: onNotice }),
    announce: async (notice) => {
      sent.push({ from: id, notice });
      for (const n of nodes) if (n.id !== id) n.handler(notice);
    },
    stop: async () => undefined,
  });
  return { transport, sent };
}

async function node(id: number, db: ReturnType<typeof store>, b: ReturnType<typeof bus>) {
  const directory = new HallDirectory(db.hallRepo);
  await directory.load();
  const tokens = new TokenService(db.tokenRepo);
  await tokens.load();
  const calendar = new CalendarHolder([]);
  const reevaluated: string[] = [];
  const overdueRefreshed: string[] = [];
  const revoked: string[] = [];
  tokens.onRevoke((tokenId) => revoked.push(tokenId));
  const sync = new ClusterSync({
    notices: b.transport(id),
    directory,
    tokens,
    consistency: { reevaluate: async (hallId: string) => void reevaluated.push(hallId) },
    followUps: { refreshOverdue: async (hallId: string) => void overdueRefreshed.push(hallId) },
    calendar,
    calendarYears: async () => db.years,
    onError: (message) => {
      throw new Error(message);
    },
  });
  await sync.start();
  return { directory, tokens, calendar, sync, reevaluated, overdueRefreshed, revoked };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe("ClusterSync", () => {
  it("re-reads on node B a hall put on node A, once, without announcing it back", async () => {
    const db = store();
    const b = bus();
    const a = await node(1, db, b);
    const bNode = await node(2, db, b);
    await a.directory.put("h1", hall("东区大厅"));
    await settle();
    expect(bNode.directory.get("h1")?.name).toBe("东区大厅");
    expect(b.sent).toEqual([{ from: 1, notice: { kind: "hall", hallId: "h1" } }]);
  });

  it("makes a token created on A work on B, and a revocation on A stop it on B at once (closing its sockets there)", async () => {
    const db = store();
    const b = bus();
    const a = await node(1, db, b);
    const bNode = await node(2, db, b);
    const created = await a.tokens.create({ role: "display", hallId: "h1" });
    await settle();
    expect(bNode.tokens.authenticate(created.token)?.id).toBe(created.id);
    await a.tokens.revoke(created.id, new Date(1));
    await settle();
    expect(bNode.tokens.authenticate(created.token)).toBeNull();
    expect(bNode.revoked).toEqual([created.id]);
    expect(b.sent.map((s) => s.from)).toEqual([1, 1]);
  });

  it("passes item imports, calendar changes and follow-up changes on to the other node's services", async () => {
    const db = store();
    const b = bus();
    const a = await node(1, db, b);
    const bNode = await node(2, db, b);
    await bNode.directory.put("h1", hall("东区大厅"));
    await settle();
    a.sync.itemsImported("h1");
    db.years.push({ year: 2027, holidays: ["2027-01-01"], workdays: [], source: "admin" });
    a.sync.calendarChanged();
    a.sync.followUpsChanged("h1");
    await settle();
    expect(bNode.reevaluated).toEqual(["h1", "h1"]); // the import, then the calendar (every hall)
    expect(bNode.calendar.adminYears().map((y) => y.year)).toEqual([2027]);
    expect(bNode.overdueRefreshed).toEqual(["h1"]);
    // Node A re-read the hall B announced (its directory's own listeners re-evaluate, wired in start-server).
    expect(a.directory.get("h1")?.name).toBe("东区大厅");
    expect(a.reevaluated).toEqual([]);
    expect(a.overdueRefreshed).toEqual([]);
  });
});
