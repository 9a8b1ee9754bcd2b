// The hall directory's cache and, in a cluster, its read of halls it does not know yet (issue #11): a hall
// another node wrote to the shared database is found on first use and announced to listeners as a remote
// change; an unknown hall stays unknown; reads are shared per hall and capped in number.
import { describe, expect, it } from "vitest";
import type { HallConfig } from "../../contract/index.js";
import { HallDirectory, MAX_HALL_LOOKUPS } from "./hall-directory.js";
import type { HallRepository } from "./ports.js";
import { oneWindowHall } from "../../test/helpers/hall-fixture.js";

const hall = oneWindowHall;

/** The shared hall table; `gate`, when set, holds every read until opened. */
function table() {
  const halls = new Map<string, HallConfig>();
  const state = { reads: 0, gate: null as Promise<void> | null };
  const repo: HallRepository = {
    get: async (id) => {
      state.reads++;
      if (state.gate) await state.gate;
      return halls.get(id) ?? null;
    },
    put: async (id, config) => {
      const created = !halls.has(id);
      halls.set(id, config);
      return { created };
    },
    list: async () => [...halls].map(([hallId, config]) => ({ hallId, config })),
  };
  return { halls, repo, state };
}

async function directory(lookupOnMiss: boolean) {
  const t = table();
  const d = new HallDirectory(t.repo, { lookupOnMiss });
  await d.load();
  const heard: [string, string][] = [];
  d.onChange((hallId, _config, origin) => heard.push([hallId, origin]));
  return { ...t, d, heard };
}

describe("HallDirectory.getFresh", () => {
  it("on a single node answers from its cache only", async () => {
    const { halls, d, state } = await directory(false);
    await d.put("h1", hall("一号大厅"));
    halls.set("h2", hall("二号大厅")); // written by no one this node knows of
    expect((await d.getFresh("h1"))?.name).toBe("一号大厅");
    expect(await d.getFresh("h2")).toBeNull();
    expect(state.reads).toBe(0);
  });

  it("in a cluster finds a hall another node made, once, and tells the listeners it came from elsewhere", async () => {
    const { halls, d, state, heard } = await directory(true);
    halls.set("h2", hall("二号大厅"));
    expect(d.get("h2")).toBeNull();
    expect((await d.getFresh("h2"))?.name).toBe("二号大厅");
    expect(d.get("h2")?.name).toBe("二号大厅");
    expect(heard).toEqual([["h2", "remote"]]);
    await d.getFresh("h2");
    expect(state.reads).toBe(1);
  });

  it("in a cluster still answers an unknown hall as unknown, and never reads an id no hall can have", async () => {
    const { d, heard, state } = await directory(true);
    for (const id of ["a\u0000b", "", "x".repeat(65), "大厅"]) expect(await d.getFresh(id)).toBeNull();
    expect(state.reads).toBe(0);
    expect(await d.getFresh("nowhere")).toBeNull();
    expect(state.reads).toBe(1);
    expect(d.get("nowhere")).toBeNull();
    expect(heard).toEqual([]);
  });

  it("shares one read among requests for the same hall and caps reads of different ones", async () => {
    const { halls, d, state } = await directory(true);
    halls.set("h2", hall("二号大厅"));
    let open!: () => void;
    state.gate = new Promise<void>((resolve) => (open = resolve));
    const same = [d.getFresh("h2"), d.getFresh("h2")];
    const others = Array.from({ length: MAX_HALL_LOOKUPS + 2 }, (_, i) => d.getFresh(`x${i}`));
    open();
    expect((await Promise.all(same)).map((h) => h?.name)).toEqual(["二号大厅", "二号大厅"]);
    expect(await Promise.all(others)).toEqual(others.map(() => null));
    expect(state.reads).toBe(MAX_HALL_LOOKUPS);
    expect(await d.getFresh("x-late")).toBeNull();
    expect(state.reads).toBe(MAX_HALL_LOOKUPS + 1);
  });
});
