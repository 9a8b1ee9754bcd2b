// Environment settings: the optional timings reach the server's config only when set, and a bad value
// stops the start with a message naming the variable.
import { describe, expect, it } from "vitest";
import { readConfig } from "./config.js";

describe("readConfig", () => {
  it("leaves the warning and heartbeat timings to their defaults when unset or empty", () => {
    const c = readConfig({ WARNING_REFRESH_MS: "", HEARTBEAT_TIMEOUT_MS: "" });
    expect(c.warningRefreshMs).toBeUndefined();
    expect(c.heartbeatTimeoutMs).toBeUndefined();
  });

  it("reads WARNING_REFRESH_MS and HEARTBEAT_TIMEOUT_MS as whole milliseconds", () => {
    const c = readConfig({ WARNING_REFRESH_MS: "2000", HEARTBEAT_TIMEOUT_MS: "3000" });
    expect(c.warningRefreshMs).toBe(2000);
    expect(c.heartbeatTimeoutMs).toBe(3000);
  });

  it("reads ROLLUP_TODAY_MS and ROLLUP_PAST_MS and refuses too short ones", () => {
    expect(readConfig({ ROLLUP_TODAY_MS: "2000" }).rollupTodayMs).toBe(2000);
    expect(readConfig({}).rollupTodayMs).toBeUndefined();
    expect(() => readConfig({ ROLLUP_TODAY_MS: "500" })).toThrow(/ROLLUP_TODAY_MS/);
    expect(readConfig({ ROLLUP_PAST_MS: "200" }).rollupPastMs).toBe(200);
    expect(() => readConfig({ ROLLUP_PAST_MS: "50" })).toThrow(/ROLLUP_PAST_MS/);
  });

  it("refuses a warning refresh below a second, above ten minutes or not a whole number, naming it", () => {
    for (const bad of ["999", "600001", "1.5", "soon"]) expect(() => readConfig({ WARNING_REFRESH_MS: bad }), bad).toThrow(/WARNING_REFRESH_MS/);
  });
});
