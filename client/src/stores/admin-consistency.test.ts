// The consistency store: filters become the query string, findings most severe first, and the CSV export
// fetched with the token header and handed over as a download with its BOM intact.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Finding } from "../../../contract/index.js";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { emptyFilters, filterQuery, useConsistencyStore } from "./admin-consistency.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
const finding = (key: string, rule: Finding["rule"], severity: Finding["severity"], lastSeen: string): Finding => ({
  key,
  rule,
  severity,
  message: key,
  messages: { "zh-CN": key, en: key },
  evidence: {},
  firstSeen: "2026-11-20T01:00:00.000Z",
  lastSeen,
});

beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  await useAdminSession().signIn(api.principal("adm", "admin", "h1"));
});
afterEach(() => vi.unstubAllGlobals());

describe("consistency store", () => {
  it("turns the filters into the query string, leaving empty ones out", () => {
    expect(filterQuery(emptyFilters())).toBe("");
    expect(filterQuery({ rule: "late-publication", severity: "medium", department: "人社局", windowId: "w1", from: "2026-11-01", to: "2026-11-25" })).toBe(
      "rule=late-publication&severity=medium&windowId=w1&department=%E4%BA%BA%E7%A4%BE%E5%B1%80&from=2026-11-01&to=2026-11-25",
    );
  });

  it("asks again with each filter and sorts findings by severity, then newest", async () => {
    api.report = {
      findings: [finding("a", "unclear-guide", "low", "2026-11-25T01:00:00Z"), finding("b", "late-publication", "medium", "2026-11-24T01:00:00Z"), finding("c", "offline-only", "high", "2026-11-23T01:00:00Z"), finding("d", "guide-differs", "high", "2026-11-25T01:00:00Z")],
      advice: [],
    };
    const store = useConsistencyStore();
    await store.load("h1");
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/consistency");
    expect(store.findings.map((f) => f.key)).toEqual(["d", "c", "b", "a"]);
    store.setFilters({ rule: "offline-only" });
    await vi.waitFor(() => expect(store.findings.map((f) => f.key)).toEqual(["c"]));
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/consistency?rule=offline-only");
    store.resetFilters();
    await vi.waitFor(() => expect(store.findings).toHaveLength(4));
  });

  it("downloads the CSV with the token header, BOM included", async () => {
    api.csv = "\uFEFFrule,severity\r\noffline-only,high\r\n";
    const blobs: Blob[] = [];
    // happy-dom has no object URLs: record the blob instead.
    const create = vi.fn((b: Blob) => (blobs.push(b), "blob:test"));
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: HTMLAnchorElement[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const store = useConsistencyStore();
    await store.load("h1");
    store.filters = { ...emptyFilters(), rule: "offline-only" };
    expect(await store.exportCsv()).toBe(true);
    const call = api.calls.at(-1)!;
    expect(call.path).toBe("/api/halls/h1/consistency?rule=offline-only&format=csv");
    expect(call.token).toBe("adm");
    expect(clicked[0]?.download).toBe("consistency-h1.csv");
    expect(clicked[0]?.href).toBe("blob:test");
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    spy.mockRestore();
  });
});
