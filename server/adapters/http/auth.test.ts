// The overseer's read-only grant (issue #11): `allowRead` adds it to a route's roles for GET and HEAD
// only, so a write route that wrongly wore it would still refuse it; the route's own roles are unchanged.
import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import type { Role } from "../../../contract/index.js";
import type { TokenRecord } from "../../app/ports.js";
import { allowRead, allowReadRole } from "./auth.js";
import { HttpError } from "./http-error.js";

const token = (role: Role, hallId: string | null): TokenRecord => ({ id: "t", role, hallId, windowId: null, label: null, createdAt: new Date(0), revokedAt: null });

/** Runs a middleware: "next" when it lets the request on, else the refusal's status. */
function run(mw: (req: Request, res: Response, next: NextFunction) => void, method: string, t: TokenRecord, hallId?: string): number | "next" {
  const req = { method, params: hallId === undefined ? {} : { hallId } } as unknown as Request;
  const res = { locals: { token: t } } as unknown as Response;
  let passed = false;
  try {
    mw(req, res, () => (passed = true));
  } catch (e) {
    if (e instanceof HttpError) return e.status;
    throw e;
  }
  return passed ? "next" : 0;
}

describe("allowRead", () => {
  const read = allowRead("admin", "manager");
  const overseer = token("overseer", null);

  it("lets the overseer read any hall", () => {
    expect(run(read, "GET", overseer, "h1")).toBe("next");
    expect(run(read, "HEAD", overseer, "h2")).toBe("next");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("refuses the overseer a %s even where the route wears it", (method) => {
    expect(run(read, method, overseer, "h1")).toBe(403);
    expect(run(allowReadRole("admin", "manager"), method, overseer)).toBe(403);
  });

  it("keeps the route's own roles and hall check", () => {
    expect(run(read, "GET", token("manager", "h1"), "h1")).toBe("next");
    expect(run(read, "GET", token("manager", "h1"), "h2")).toBe(403);
    expect(run(read, "GET", token("staff", "h1"), "h1")).toBe(403);
    expect(run(allowReadRole("admin", "manager"), "GET", overseer)).toBe("next");
    expect(run(allowReadRole("admin", "manager"), "GET", token("display", "h1"))).toBe(403);
  });
});
