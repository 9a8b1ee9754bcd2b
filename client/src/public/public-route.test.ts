import { describe, expect, it } from "vitest";
import { livePath, monthPath, parsePublicPath } from "./public-route.js";

describe("parsePublicPath", () => {
  it("reads the live page and the month page of a hall", () => {
    expect(parsePublicPath("/public/demo-county")).toEqual({ page: "live", hallId: "demo-county" });
    expect(parsePublicPath("/public/demo-county/")).toEqual({ page: "live", hallId: "demo-county" });
    expect(parsePublicPath("/public/demo-county/month/2026-11")).toEqual({ page: "month", hallId: "demo-county", month: "2026-11" });
  });

  it("refuses anything else", () => {
    for (const p of ["/", "/public", "/public/a%2Fb", "/public/x/month/2026-13", "/public/x/month/26-11", "/public/x/other", "/wall/x", "/public/%E0%A4%A"]) expect(parsePublicPath(p), p).toEqual({ page: "none" });
  });

  it("builds the paths back, encoded", () => {
    expect(livePath("a b")).toBe("/public/a%20b");
    expect(monthPath("h", "2026-01")).toBe("/public/h/month/2026-01");
  });
});
