// Cases opened by prepared statements on the hot path read back through Prisma exactly as if Prisma had
// written them, and each evaluation opens at most one case however often it is offered.
import { afterEach, describe, expect, it } from "vitest";
import { PrismaFollowUpRepository, prismaDateTime, type NewCase } from "./follow-up-repository.js";
import { openPrisma } from "./prisma.js";
import { freshDatabaseFile, removeTestDatabases } from "./test-database.js";
import { CONNECTION_PRAGMAS } from "./open-database.js";
import { SqliteEventLog } from "./event-log.js";
import { isOverdue } from "../../domain/followup/follow-up-rules.js";

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

/** The repository on a fresh database file, as the server opens it: Prisma to read, the log's writer to open cases. */
async function openRepository() {
  const { db, file } = freshDatabaseFile();
  for (const p of CONNECTION_PRAGMAS) db.pragma(p);
  const prisma = await openPrisma(file);
  const log = new SqliteEventLog(db, { writerFile: file });
  const repo = new PrismaFollowUpRepository(prisma, log);
  const close = async () => {
    await prisma.$disconnect();
    await log.close();
    db.close();
  };
  return { repo, close };
}

describe("PrismaFollowUpRepository.openManyIfMissing", () => {
  it("opens each new case once through the writer worker and Prisma reads it back field for field", async () => {
    const { repo, close } = await openRepository();
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
    await close();
  });

  it("writes DateTime in the text format Prisma uses", () => {
    expect(prismaDateTime(new Date(Date.UTC(2026, 10, 25, 0, 34, 46, 352)))).toBe("2026-11-25T00:34:46.352+00:00");
  });
});

describe("PrismaFollowUpRepository.countOverdue", () => {
  it("counts in the database what isOverdue counts over the listed cases: open or in progress, deadline before today, this hall only", async () => {
    const { repo, close } = await openRepository();
    const at = new Date(Date.UTC(2026, 10, 25, 2, 0, 0));
    const deadlines = ["2026-11-30", "2026-12-01", "2026-12-01", "2026-12-02", "2026-12-10", "2026-12-31"];
    await repo.openManyIfMissing(
      deadlines.map((deadline, n) => kase(n, { deadline })),
      at,
    );
    await repo.openManyIfMissing([kase(99, { hallId: "h2", deadline: "2026-11-01" })], at);
    // Moved on: one in progress (still counts), one reviewed and one withdrawn (closed: never overdue).
    const byEvent = new Map((await repo.list("h1")).map((c) => [c.evaluationEventId, c]));
    const move = async (n: number, state: "contacted" | "reviewed" | "withdrawn") => {
      const c = byEvent.get(`ev-${n}`);
      if (!c) throw new Error(`no case ${n}`);
      expect(await repo.transition("h1", c.id, c.state, { state, at: at.toISOString(), note: null, by: "m1" }, c.history)).toBe(true);
    };
    await move(0, "contacted");
    await move(1, "reviewed");
    await move(3, "withdrawn");
    const cases = await repo.list("h1");
    const counted: number[] = [];
    for (const today of ["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-11", "2027-01-01"]) {
      const expected = cases.filter((c) => isOverdue(c, today)).length;
      expect(await repo.countOverdue("h1", today)).toBe(expected);
      counted.push(expected);
    }
    // The days chosen cover none, some and all of the cases still open (deadlines 11-30, 12-01, 12-10, 12-31).
    expect(counted).toEqual([0, 0, 1, 2, 2, 3, 4]);
    expect(await repo.countOverdue("h2", "2026-11-02")).toBe(1);
    await close();
  });
});
