// The guide lookup and the material comparison the console shares with the server's consistency check
// (extra-materials): whitespace and bracketed notes do not count, so "身份证（原件）" is "身份证".
import { describe, expect, it } from "vitest";
import { guideFor, loadedSource, normalizeMaterial, sameMaterial, unlistedMaterials } from "./staff-guide.js";
import { GUIDE_ITEM, ONLINE_LIST } from "./staff-test-support.js";

describe("service guide lookup", () => {
  const loaded = loadedSource(ONLINE_LIST);

  it("finds the item by its exact code, and says why there is no guide otherwise", () => {
    expect(guideFor(loaded, "SB-001")).toEqual({ kind: "found", itemCode: "SB-001", version: 3, item: GUIDE_ITEM });
    expect(guideFor(loaded, "sb-001")).toEqual({ kind: "notListed", itemCode: "sb-001", version: 3 });
    expect(guideFor(loaded, null)).toEqual({ kind: "noItemCode" });
    expect(guideFor(loaded, "SB-001", false)).toEqual({ kind: "noTicket" });
    expect(guideFor({ status: "none" }, "SB-001")).toEqual({ kind: "noList", itemCode: "SB-001" });
    expect(guideFor({ status: "loading" }, "SB-001")).toEqual({ kind: "loading", itemCode: "SB-001" });
    expect(guideFor({ status: "error", error: { code: "network" } }, "SB-001")).toEqual({ kind: "error", itemCode: "SB-001", error: { code: "network" } });
  });

  it("keeps the first of two items with the same code", () => {
    const list = loadedSource({ version: 1, items: [GUIDE_ITEM, { ...GUIDE_ITEM, name: "重复" }] });
    expect(guideFor(list, "SB-001")).toMatchObject({ kind: "found", item: { name: GUIDE_ITEM.name } });
  });
});

describe("materials compared as the server compares them", () => {
  it("ignores whitespace, bracketed notes (full- or half-width) and case", () => {
    expect(normalizeMaterial("身份证（原件）")).toBe("身份证");
    expect(sameMaterial("身份证（原件）", "身份证")).toBe(true);
    expect(sameMaterial(" 户口 簿 ", "户口簿")).toBe(true);
    expect(sameMaterial("户口簿(复印件)", "户口簿")).toBe(true);
    expect(sameMaterial("ID Card (copy)", "idcard")).toBe(true);
    expect(sameMaterial("身份证复印件", "身份证")).toBe(false);
  });

  it("lists only the requested materials the guide does not list, in the order requested", () => {
    expect(unlistedMaterials(GUIDE_ITEM, ["居民身份证", "户口簿（复印件）", "近期一寸免冠照片"])).toEqual([]);
    expect(unlistedMaterials(GUIDE_ITEM, ["营业执照副本", "居民身份证 ( 复印件 )", "结婚证"])).toEqual(["营业执照副本", "结婚证"]);
    expect(unlistedMaterials({ ...GUIDE_ITEM, materials: [] }, ["户口簿"])).toEqual(["户口簿"]);
  });
});
