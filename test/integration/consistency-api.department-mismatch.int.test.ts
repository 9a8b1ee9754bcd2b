// The department-mismatch finding over HTTP (consistency-api-fixture.ts): a window serving another
// department's item is named, and the finding closes (kept in the history) once the window is comprehensive.
import { describe, expect, it } from "vitest";
import type { Finding, HallConfig } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { admin, consistency, eventually, type HistoryBody, NOT_SERVED, sample, setUpConsistencyServer, upload } from "./consistency-api-fixture.js";

setUpConsistencyServer();

describe("department-mismatch", () => {
  const HALL = "cons-dept";
  /** The demo hall plus a 代办 category with a tax item, served by the (non-comprehensive) 卫生健康局 window w22. */
  function mismatched(comprehensive: boolean): HallConfig {
    const config = structuredClone(demoHall);
    config.categories.push({ id: "counter", name: "代办服务", itemCodes: ["330399-GG-0705"] });
    const w22 = config.windows.find((w) => w.id === "w22");
    if (!w22) throw new Error("demo hall without w22");
    w22.categories = [...w22.categories, "counter"];
    if (comprehensive) w22.comprehensive = true;
    return config;
  }

  it("names the window that serves another department's item, and closes once the window is comprehensive", async () => {
    expect((await admin.putHall(HALL, mismatched(false))).status).toBe(201);
    await upload(HALL, "online", sample("online-items.json"), "application/json");

    const report = await eventually(HALL, (r) => r.findings.some((f) => f.rule === "department-mismatch"), "a department-mismatch finding");
    const found = report.findings.filter((f) => f.rule === "department-mismatch");
    expect(found).toHaveLength(1);
    const finding = found[0] as Finding;
    expect(finding).toMatchObject({ key: "department-mismatch:w22:330399-GG-0705", severity: "medium", itemCode: "330399-GG-0705", windowId: "w22", categoryId: "counter" });
    expect(finding.evidence).toEqual({ windowDepartment: "卫生健康局", itemDepartment: "税务局" });
    expect(finding.message).toContain("22号窗口");
    expect(finding.message).toContain("税务局");

    const byWindow = await consistency(HALL, "?windowId=w22");
    expect(byWindow.body.findings.map((f) => f.key)).toEqual(["department-mismatch:w22:330399-GG-0705"]);
    const byRule = await consistency(HALL, "?rule=department-mismatch");
    expect(byRule.body.findings.map((f) => f.key)).toEqual(["department-mismatch:w22:330399-GG-0705"]);

    // Marked comprehensive (综合窗口): the finding closes.
    const put = await admin.putHall(HALL, mismatched(true));
    expect(put.status).toBe(200);
    const after = await eventually(HALL, (r) => !r.findings.some((f) => f.rule === "department-mismatch"), "the department-mismatch finding to close");
    // The other findings of the hall stay open.
    expect(after.findings.some((f) => f.rule === "not-served" && f.itemCode === NOT_SERVED)).toBe(true);
    expect((await consistency(HALL, "?windowId=w22")).body.findings).toEqual([]);

    const history = await admin.request<HistoryBody>("GET", `/api/halls/${HALL}/consistency/history?days=30`);
    expect(history.status).toBe(200);
    const closed = history.body.findings.filter((r) => r.rule === "department-mismatch");
    expect(closed).toHaveLength(1);
    expect(closed[0]?.closedAt).not.toBeNull();
  });
});
