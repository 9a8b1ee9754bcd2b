// Cases opened by prepared statements on the hot path read back through Prisma exactly as if Prisma had
// written them, and each evaluation opens at most one case however often it is offered.
import { afterEach, describe, expect, it } from "vitest";
import { PrismaFollowUpRepository, prismaDateTime, type NewCase } from "./follow-up-repository.js";
import { openPrisma } from "./prisma.js";
import { freshDatabaseFile, removeTestDatabases } from "./test-database.js";
import { CONNECTION_PRAGMAS } from "./open-database.js";
import { SqliteEventLog } from "./event-log.js";

afterEach(removeTestDatabases);

const kase = (n: number, over: Partial<NewCase> = {}): NewCase => ({
  hallId: "h1",
  evaluationEventId: `ev-${n}`,
  ticketId: `t-${n}`,
  ticketNo: n % 2 ? `A${n}` : null,
  windowId: "w1",
  itemCode: n % 2 ? "SB-001" : null,
  rating: 1,
  evaluatedAt: new Date(Date.UTC(2026, 10, 25, 1, n, 7, 123)),
  deadline: "2026-12-16",
  provisional: n % 3 === 0,
  ...over,
});

describe("PrismaFollowUpRepository.openManyIfMissing", () => {
  it("opens each new case once through the writer worker and Prisma reads it back field for field", async () => {
    const { db, file } = freshDatabaseFile();
    for (const p of CONNECTION_PRAGMAS) db.pragma(p);
    const prisma = await openPrisma(file);
    const log = new SqliteEventLog(db, { writerFile: file });
    const repo = new PrismaFollowUpRepository(prisma, log);
    const openedAt = new Date(Date.UTC(2026, 10, 25, 2, 0, 0));
    expect(await repo.openManyIfMissing([kase(1), kase(2), kase(3)], openedAt)).toBe(3);
    // Offered again (a replay, a restart's backfill) and together with one new case: only the new one opens.
    expect(await repo.openManyIfMissing([kase(2), kase(4), kase(1, { rating: 2 })], openedAt)).toBe(1);
    expect(await repo.openManyIfMissing([], openedAt)).toBe(0);

    const cases = await repo.list("h1");
    expect(cases.map((c) => c.evaluationEventId).sort()).toEqual(["ev-1", "ev-2", "ev-3", "ev-4"]);
    for (const n of [1, 2, 3, 4]) {
      const got = cases.find((c) => c.evaluationEventId === `ev-${n}`);
      const want = kase(n);
      expect(got).toMatchObject({ ...want, state: "open", history: [{ state: "open", at: openedAt.toISOString(), note: null, by: null }] });
      expect(got?.evaluatedAt.getTime()).toBe(want.evaluatedAt.getTime());
    }
    // Prisma's own transition works on a row written here.
    const one = cases[0];
    if (!one) throw new Error("no case");
    expect(await repo.transition("h1", one.id, "open", { state: "contacted", at: openedAt.toISOString(), note: "ok", by: "m1" }, one.history)).toBe(true);
    expect((await repo.get("h1", one.id))?.state).toBe("contacted");
    await prisma.$disconnect();
    await log.close();
    db.close();
  });

  it("writes DateTime in the text format Prisma uses", () => {
    expect(prismaDateTime(new Date(Date.UTC(2026, 10, 25, 0, 34, 46, 352)))).toBe("2026-11-25T00:34:46.352+00:00");
  });
});
