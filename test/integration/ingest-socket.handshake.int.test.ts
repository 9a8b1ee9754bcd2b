// The /ingest handshake against the real server process (ingest-socket-fixture.ts): which tokens it refuses
// and how (a missing, unknown or revoked token as unauthorized; display, staff and manager tokens and
// another hall's tokens as forbidden), and which it accepts (a hall's device token, a global admin naming a hall).
import { describe, expect, it } from "vitest";
import { EventFactory } from "../helpers/hall-fixture.js";
import { admin, base, HALL, issued, openIngest, OTHER_HALL, refusal, rowsOf, sendOne, server, setUpIngestServer, tokens } from "./ingest-socket-fixture.js";

setUpIngestServer();

describe("/ingest handshake", () => {
  it("refuses a missing, unknown or revoked token as unauthorized, with an explanation", async () => {
    const missing = await refusal({});
    expect(missing.code).toBe("unauthorized");
    expect(missing.message).toMatch(/token/i);

    const unknown = await refusal({ token: "hp_not-a-real-token" });
    expect(unknown.code).toBe("unauthorized");
    expect(unknown.message).toMatch(/token/i);

    const created = await admin.createToken({ role: "device", hallId: HALL });
    expect(created.status).toBe(201);
    // The token works before revocation …
    const before = await openIngest({ token: created.body.token });
    const ok = await sendOne(before, issued(new EventFactory(HALL, base, "revoked-dev-"), 1, "T-rv1"));
    expect(ok).toEqual({ ok: true, data: { id: "revoked-dev-1", status: "accepted" } });
    const del = await admin.request("DELETE", `/api/tokens/${created.body.id}`);
    expect(del.status).toBe(204);
    // … and is refused after it.
    const revoked = await refusal({ token: created.body.token });
    expect(revoked.code).toBe("unauthorized");
    expect(revoked.message.length).toBeGreaterThan(0);
  });

  it("refuses display, staff and manager tokens as forbidden", async () => {
    for (const role of ["display", "staff", "manager"] as const) {
      const r = await refusal({ token: tokens[role].token });
      expect(r.code, role).toBe("forbidden");
      expect(r.message, role).toMatch(new RegExp(role));
    }
  });

  it("refuses a device token of another hall as forbidden", async () => {
    const r = await refusal({ token: tokens.otherDevice.token, hallId: HALL });
    expect(r.code).toBe("forbidden");
    expect(r.message).toMatch(/hall/);
    // A hall admin token is bound to its hall as well.
    const a = await refusal({ token: tokens.hallAdmin.token, hallId: OTHER_HALL });
    expect(a.code).toBe("forbidden");
  });

  it("accepts a device token and a global admin token naming its hall; the admin's events land in that hall", async () => {
    const device = await openIngest({ token: tokens.device.token });
    expect(device.connected).toBe(true);

    const global = await openIngest({ token: server.adminToken, hallId: OTHER_HALL });
    const f = new EventFactory(OTHER_HALL, base, "admin-ev-");
    const ack = await sendOne(global, issued(f, 2, "T-ad1", "estate"));
    expect(ack).toEqual({ ok: true, data: { id: "admin-ev-1", status: "accepted" } });
    expect(await rowsOf(OTHER_HALL, "admin-ev-1")).toBe(1);
    expect(await rowsOf(HALL, "admin-ev-1")).toBe(0);

    // A global admin must say which hall: without auth.hallId the handshake is refused.
    const noHall = await refusal({ token: server.adminToken });
    expect(noHall.message).toMatch(/hallId/);
  });
});
