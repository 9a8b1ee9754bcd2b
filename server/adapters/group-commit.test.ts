// GroupCommit.settled: what today's rollups on the live facts wait for (rollup/live-today.ts) — every
// commit in flight when it is called answered, its callers resumed; a commit sent after the call is not
// waited for (under steady load there is always one).
import { describe, expect, it } from "vitest";
import type { AppendOutcome } from "../app/ports.js";
import { GroupCommit } from "./group-commit.js";

describe("GroupCommit.settled", () => {
  it("resolves once the commits in flight at the call are answered and their callers resumed, not later ones", async () => {
    const commits: (() => void)[] = [];
    const group = new GroupCommit<string>((groups) => new Promise((resolve) => commits.push(() => resolve(groups.map((g) => g.map((): AppendOutcome => "accepted"))))), { batchDelayMs: 0 });
    const resumed: string[] = [];
    void group.enqueue(["a"]).then(() => resumed.push("a"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(commits).toHaveLength(1);

    let settled = false;
    const done = group.settled().then(() => (settled = true));
    void group.enqueue(["b"]).then(() => resumed.push("b"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(commits).toHaveLength(2);
    expect(settled).toBe(false);

    commits[0]?.();
    await done;
    expect(resumed).toEqual(["a"]);
    commits[1]?.();
    await group.settled();
    expect(resumed).toEqual(["a", "b"]);
  });

  it("resolves at once with nothing in flight", async () => {
    const group = new GroupCommit<string>((groups) => groups.map((g) => g.map((): AppendOutcome => "accepted")));
    await expect(group.settled()).resolves.toBeUndefined();
  });
});
