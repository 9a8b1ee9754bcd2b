// The findings store writes what the tracker says moved — opened, updated, closed — and an unchanged open
// finding's lastSeen at most once a minute (UNCHANGED_REWRITE_MS), on a real SQLite file through Prisma.
import { afterEach, describe, expect, it } from "vitest";
import type { RuleId } from "../../../contract/index.js";
import type { RawFinding } from "../../domain/consistency/rule.js";
import { FindingTracker } from "../../domain/consistency/tracker.js";
import { PrismaFindingRepository, UNCHANGED_REWRITE_MS } from "./finding-repository.js";
import { CONNECTION_PRAGMAS } from "./open-database.js";
import { openPrisma } from "./prisma.js";
import { freshDatabaseFile, removeTestDatabases } from "./test-database.js";

afterEach(removeTestDatabases);

const EVENTS: RuleId[] = ["visit-limit", "extra-materials", "unclear-guide"];
const raw = (subject: string, evidence: Record<string, unknown>): RawFinding => ({
  key: `extra-materials:${subject}`,
  rule: "extra-materials",
  severity: "high",
  itemCode: "MZ-001",
  messages: { "zh-CN": `要求了 ${subject}`, en: `asked for ${subject}` },
  evidence,
});
const at = (s: number) => new Date(Date.UTC(2026, 10, 26, 2, 0, s));

async function store() {
  const { db, file } = freshDatabaseFile();
  for (const p of CONNECTION_PRAGMAS) db.pragma(p);
  const prisma = await openPrisma(file);
  const rows = async () =>
    (await prisma.consistencyFinding.findMany({ where: { hallId: "h1" }, orderBy: { id: "asc" } })).map((r) => ({ key: r.key, lastSeen: r.lastSeen.toISOString(), closedAt: r.closedAt?.toISOString() ?? null, evidence: (JSON.parse(r.data) as { evidence: unknown }).evidence }));
  return { prisma, repo: new PrismaFindingRepository(prisma), rows };
}

describe("PrismaFindingRepository.save", () => {
  it("writes openings, content changes and closings at once, an unchanged finding's sighting once a minute", async () => {
    const { repo, rows } = await store();
    const tracker = new FindingTracker();
    const evaluate = async (found: RawFinding[], s: number) => repo.save("h1", tracker.apply(found, EVENTS, at(s).toISOString()), at(s));

    await evaluate([raw("A001", { materials: ["结婚证"] }), raw("A002", { materials: ["户口簿"] })], 0);
    expect(await rows()).toEqual([
      { key: "extra-materials:A001", lastSeen: at(0).toISOString(), closedAt: null, evidence: { materials: ["结婚证"] } },
      { key: "extra-materials:A002", lastSeen: at(0).toISOString(), closedAt: null, evidence: { materials: ["户口簿"] } },
    ]);

    // 10 s later: A001 unchanged (not rewritten), A002's evidence changed (rewritten).
    await evaluate([raw("A001", { materials: ["结婚证"] }), raw("A002", { materials: ["户口簿", "身份证"] })], 10);
    const second = await rows();
    expect(second[0]).toMatchObject({ lastSeen: at(0).toISOString() });
    expect(second[1]).toMatchObject({ lastSeen: at(10).toISOString(), evidence: { materials: ["户口簿", "身份证"] } });

    // A minute after its last write the unchanged one's sighting is written; A002 closes.
    const later = UNCHANGED_REWRITE_MS / 1000;
    await evaluate([raw("A001", { materials: ["结婚证"] })], later);
    const third = await rows();
    expect(third[0]).toMatchObject({ lastSeen: at(later).toISOString(), closedAt: null });
    expect(third[1]).toMatchObject({ closedAt: at(later).toISOString() });
  });

  it("rewrites every open finding once after a start (restored from the store, not yet written by this process)", async () => {
    const { prisma, repo, rows } = await store();
    const first = new FindingTracker();
    await repo.save("h1", first.apply([raw("A001", { materials: ["结婚证"] })], EVENTS, at(0).toISOString()), at(0));
    // A new process: the tracker restored from the store, a new repository object.
    const restarted = new PrismaFindingRepository(prisma);
    const tracker = new FindingTracker(await restarted.open("h1"));
    await restarted.save("h1", tracker.apply([raw("A001", { materials: ["结婚证"] })], EVENTS, at(5).toISOString()), at(5));
    expect((await rows())[0]).toMatchObject({ lastSeen: at(5).toISOString() });
  });
});
