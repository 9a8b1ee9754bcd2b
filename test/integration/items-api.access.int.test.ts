// Item lists (事项清单) over HTTP: the access matrix. Who may read a hall's list, its versions and diffs
// (admin, manager, staff for the current list), who may import (admin only, the hall's own included), who
// is refused (display, device, another hall's tokens: 403; no token: 401), and an unknown hall or source.
import { beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../contract/index.js";
import { FIXTURE_ITEMS as EXPECTED } from "../fixtures/items/expected-items.js";
import { admin, byCode, fixture, freshHall, importAs, type ItemListBody, JSON_TYPE, setUpItemsServer, upload, versionsOf } from "./items-api-fixture.js";

const tok = {} as Record<"manager" | "staff" | "display" | "device" | "hallAdmin" | "otherManager" | "otherAdmin", string>;

const ROLES_HALL = "items-roles";
const OTHER_HALL = "items-other";

setUpItemsServer();

// Registered after the server's start, so it runs once the server is up.
beforeAll(async () => {
  await freshHall(ROLES_HALL);
  await freshHall(OTHER_HALL);
  const make = async (req: { role: string; hallId: string; windowId?: string }) => (await admin.issueToken(req)).token;
  tok.manager = await make({ role: "manager", hallId: ROLES_HALL });
  tok.staff = await make({ role: "staff", hallId: ROLES_HALL, windowId: "w1" });
  tok.display = await make({ role: "display", hallId: ROLES_HALL });
  tok.device = await make({ role: "device", hallId: ROLES_HALL });
  tok.hallAdmin = await make({ role: "admin", hallId: ROLES_HALL });
  tok.otherManager = await make({ role: "manager", hallId: OTHER_HALL });
  tok.otherAdmin = await make({ role: "admin", hallId: OTHER_HALL });
});

describe("access to the item lists", () => {
  beforeAll(async () => {
    const res = await importAs(ROLES_HALL, "online", fixture("items.json"), JSON_TYPE);
    expect(res.status).toBe(201);
  });

  const get = (token: string | null, path: string) => admin.as(token).request<ErrorBody>("GET", path);
  const listPath = `/api/halls/${ROLES_HALL}/items/online`;

  it("lets a manager read the list, its versions and diffs, but not import (403)", async () => {
    expect((await get(tok.manager, listPath)).status).toBe(200);
    expect((await get(tok.manager, `${listPath}?version=1`)).status).toBe(200);
    expect((await get(tok.manager, `${listPath}/versions`)).status).toBe(200);
    expect((await get(tok.manager, `${listPath}/diff?from=1&to=1`)).status).toBe(200);
    const post = await upload(tok.manager, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE);
    expect(post.status).toBe(403);
    expect(post.body.error?.code).toBe("forbidden");
  });

  it("lets staff read the current list, but not import", async () => {
    const res = await admin.as(tok.staff).request<ItemListBody>("GET", listPath);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(byCode(res.body.items)).toEqual(byCode(EXPECTED));
    expect((await upload(tok.staff, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE)).status).toBe(403);
  });

  it("refuses display and device tokens (403), another hall's tokens (403) and no token (401)", async () => {
    for (const [who, token] of [
      ["display", tok.display],
      ["device", tok.device],
      ["other hall's manager", tok.otherManager],
      ["other hall's admin", tok.otherAdmin],
    ] as const) {
      const res = await get(token, listPath);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe("forbidden");
      expect((await upload(token, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE)).status, who).toBe(403);
    }
    const none = await get(null, listPath);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    expect((await upload(null, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE)).status).toBe(401);
    // Nothing was imported by any refused request.
    expect((await versionsOf(ROLES_HALL, "online")).map((v) => v.version)).toEqual([1]);
  });

  it("lets the hall's own admin import", async () => {
    const res = await upload(tok.hallAdmin, ROLES_HALL, "hall", fixture("items.json"), JSON_TYPE);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, imported: 3 });
  });

  it("answers an unknown hall with 404 and a bad source with 400 naming `source`", async () => {
    expect((await admin.request("GET", "/api/halls/no-such-hall/items/online")).status).toBe(404);
    const post = await importAs("no-such-hall", "online", fixture("items.json"), JSON_TYPE);
    expect(post.status).toBe(404);
    expect(post.body.error?.code).toBe("not_found");

    const badGet = await admin.request<ErrorBody>("GET", `/api/halls/${ROLES_HALL}/items/offline`);
    expect(badGet.status).toBe(400);
    expect(badGet.body.error).toMatchObject({ code: "bad_request", field: "source" });
    const badPost = await importAs(ROLES_HALL, "offline", fixture("items.json"), JSON_TYPE);
    expect(badPost.status).toBe(400);
    expect(badPost.body.error).toMatchObject({ code: "bad_request", field: "source" });
    const badVersions = await admin.request<ErrorBody>("GET", `/api/halls/${ROLES_HALL}/items/both/versions`);
    expect(badVersions.status).toBe(400);
    expect(badVersions.body.error.field).toBe("source");
  });
});
