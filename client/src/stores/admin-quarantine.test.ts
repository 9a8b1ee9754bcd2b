// The quarantine store pages newest first with ?limit=&before=id, knows whether an older page exists (one
// item more than a page), goes back, and shows payloads as indented JSON text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { prettyPayload, QUARANTINE_PAGE_SIZE, useQuarantineStore } from "./admin-quarantine.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  api.quarantine = Array.from({ length: 60 }, (_, i) => ({
    id: i + 1,
    hallId: "h1",
    source: "http",
    eventId: `e${i + 1}`,
    field: "ts",
    error: "ts: invalid ISO-8601 timestamp",
    payload: JSON.stringify({ id: `e${i + 1}`, ts: "x" }),
    receivedAt: "2026-11-25T01:00:00.000Z",
  }));
  await useAdminSession().signIn(api.principal("adm", "admin", "h1"));
});
afterEach(() => vi.unstubAllGlobals());

const ids = () => useQuarantineStore().items.map((i) => i.id);

describe("quarantine store", () => {
  it("pages newest first with before=<last id>, and back", async () => {
    const store = useQuarantineStore();
    await store.loadNewest("h1");
    expect(QUARANTINE_PAGE_SIZE).toBe(25);
    expect(ids()).toEqual(Array.from({ length: 25 }, (_, i) => 60 - i));
    expect(store.page).toBe(1);
    expect(store.hasOlder).toBe(true);
    expect(store.hasNewer).toBe(false);
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/quarantine?limit=26");

    await store.older();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/quarantine?limit=26&before=36");
    expect(ids()[0]).toBe(35);
    expect(store.page).toBe(2);

    await store.older();
    expect(ids()).toEqual(Array.from({ length: 10 }, (_, i) => 10 - i));
    expect(store.hasOlder).toBe(false);
    await store.older(); // nothing older: no request
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/quarantine?limit=26&before=11");

    await store.newer();
    expect(ids()[0]).toBe(35);
    expect(store.page).toBe(2);
    await store.newer();
    expect(ids()[0]).toBe(60);
    expect(store.hasNewer).toBe(false);
  });

  it("says when there is no older page even with exactly a page of items", async () => {
    api.quarantine = api.quarantine.slice(0, 25);
    const store = useQuarantineStore();
    await store.loadNewest("h1");
    expect(ids()).toHaveLength(25);
    expect(store.hasOlder).toBe(false);
  });

  it("indents JSON payloads and keeps anything else as it came", () => {
    expect(prettyPayload('{"a":1,"b":["<img src=x onerror=alert(1)>"]}')).toBe('{\n  "a": 1,\n  "b": [\n    "<img src=x onerror=alert(1)>"\n  ]\n}');
    expect(prettyPayload("not json…[truncated]")).toBe("not json…[truncated]");
  });
});
