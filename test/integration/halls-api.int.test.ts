// PUT/GET /api/halls/:hallId against the real server process on a temp SQLite file: create vs replace,
// full validation with the failing field's path, and untrusted names stored and returned as text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody, HallConfig } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

const server = new ServerProcess();
let admin: Api;

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

/** A deep copy of the fixture, so that a case can break one part of it. */
function hall(): HallConfig {
  return structuredClone(testHall);
}

describe("PUT /api/halls/:hallId — create and replace", () => {
  it("answers 201 with the configuration when the hall is new, and GET returns it", async () => {
    const put = await admin.putHall("h-create", testHall);
    expect(put.status).toBe(201);
    expect(put.body).toEqual(testHall);

    const get = await admin.request<HallConfig>("GET", "/api/halls/h-create");
    expect(get.status).toBe(200);
    expect(get.body).toEqual(testHall);
  });

  it("answers 200 when the hall exists and replaces the whole configuration", async () => {
    expect((await admin.putHall("h-replace", testHall)).status).toBe(201);

    const replacement: HallConfig = {
      name: "第二大厅",
      timezone: "Asia/Urumqi",
      categories: [{ id: "tax", name: "税务", itemCodes: ["TAX-9"] }],
      windows: [{ id: "t1", name: "综合窗口", department: "税务局", categories: ["tax"], comprehensive: true }],
      targets: { waitMinutes: 15, hotUtilization: 0.9, coldUtilization: 0.2 },
    };
    const put = await admin.putHall("h-replace", replacement);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(replacement);

    const get = await admin.request<HallConfig>("GET", "/api/halls/h-replace");
    expect(get.status).toBe(200);
    // Replaced, not merged: nothing of the first configuration is left.
    expect(get.body).toEqual(replacement);
    expect(JSON.stringify(get.body)).not.toContain("social");

    // Replacing again with the same body is still a replace (200), not a create.
    expect((await admin.putHall("h-replace", replacement)).status).toBe(200);
  });

  it("GET of an unknown hall answers 404 not_found", async () => {
    const res = await admin.request<ErrorBody>("GET", "/api/halls/no-such-hall");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("refuses a hall id that is not an id, naming hallId", async () => {
    const res = await admin.request<ErrorBody>("PUT", "/api/halls/bad%20hall!", testHall);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.field).toBe("hallId");
    expect(res.body.error.message.startsWith("hallId")).toBe(true);
  });
});

describe("PUT /api/halls/:hallId — validation names the failing field", () => {
  type Case = { name: string; field: string; body: () => unknown; messageIncludes?: string };
  const cases: Case[] = [
    {
      name: "a window category that does not exist",
      field: "windows.1.categories.0",
      messageIncludes: "nope",
      body: () => {
        const h = hall();
        (h.windows[1] as HallConfig["windows"][number]).categories = ["nope"];
        return h;
      },
    },
    {
      name: "the second category of a window is unknown",
      field: "windows.2.categories.1",
      body: () => {
        const h = hall();
        (h.windows[2] as HallConfig["windows"][number]).categories = ["estate", "ghost"];
        return h;
      },
    },
    {
      name: "duplicate category ids",
      field: "categories.1.id",
      messageIncludes: "social",
      body: () => {
        const h = hall();
        (h.categories[1] as HallConfig["categories"][number]).id = "social";
        (h.windows[2] as HallConfig["windows"][number]).categories = ["social"];
        return h;
      },
    },
    {
      name: "duplicate window ids",
      field: "windows.2.id",
      messageIncludes: "w1",
      body: () => {
        const h = hall();
        (h.windows[2] as HallConfig["windows"][number]).id = "w1";
        return h;
      },
    },
    { name: "an unknown top-level field", field: "color", messageIncludes: "unknown field", body: () => ({ ...hall(), color: "red" }) },
    {
      name: "an unknown field in a window",
      field: "windows.0.floor",
      messageIncludes: "unknown field",
      body: () => {
        const h = hall() as unknown as { windows: Record<string, unknown>[] };
        (h.windows[0] as Record<string, unknown>).floor = 2;
        return h;
      },
    },
    {
      name: "an unknown field in a category",
      field: "categories.1.colour",
      body: () => {
        const h = hall() as unknown as { categories: Record<string, unknown>[] };
        (h.categories[1] as Record<string, unknown>).colour = "blue";
        return h;
      },
    },
    { name: "an unknown field in targets", field: "targets.maxQueue", body: () => ({ ...hall(), targets: { waitMinutes: 20, maxQueue: 5 } }) },
    { name: "an unknown time zone", field: "timezone", messageIncludes: "time zone", body: () => ({ ...hall(), timezone: "Mars/Olympus_Mons" }) },
    { name: "a UTC offset instead of an IANA zone", field: "timezone", body: () => ({ ...hall(), timezone: "+08:00" }) },
    { name: "a missing name", field: "name", body: () => { const { name: _n, ...rest } = hall(); return rest; } },
    { name: "an empty name", field: "name", body: () => ({ ...hall(), name: "" }) },
    { name: "a missing targets object", field: "targets", body: () => { const { targets: _t, ...rest } = hall(); return rest; } },
    { name: "a zero wait target", field: "targets.waitMinutes", body: () => ({ ...hall(), targets: { waitMinutes: 0 } }) },
    { name: "a utilization above 1", field: "targets.hotUtilization", body: () => ({ ...hall(), targets: { waitMinutes: 20, hotUtilization: 1.5 } }) },
    {
      name: "cold threshold not below hot",
      field: "targets.coldUtilization",
      body: () => ({ ...hall(), targets: { waitMinutes: 20, hotUtilization: 0.5, coldUtilization: 0.6 } }),
    },
    {
      name: "a window id that is not an id",
      field: "windows.0.id",
      body: () => {
        const h = hall();
        (h.windows[0] as HallConfig["windows"][number]).id = "窗口 1";
        return h;
      },
    },
    {
      name: "comprehensive that is not a boolean",
      field: "windows.1.comprehensive",
      body: () => {
        const h = hall() as unknown as { windows: Record<string, unknown>[] };
        (h.windows[1] as Record<string, unknown>).comprehensive = "yes";
        return h;
      },
    },
    {
      name: "itemCodes that is not an array",
      field: "categories.0.itemCodes",
      body: () => {
        const h = hall() as unknown as { categories: Record<string, unknown>[] };
        (h.categories[0] as Record<string, unknown>).itemCodes = "SB-001";
        return h;
      },
    },
    {
      name: "a control character in a window name",
      field: "windows.0.name",
      body: () => {
        const h = hall();
        (h.windows[0] as HallConfig["windows"][number]).name = "1号\u0007窗口";
        return h;
      },
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} → 400 field "${c.field}"`, async () => {
      const res = await admin.putHall("h-invalid", c.body());
      expect(res.status).toBe(400);
      const body = res.body as unknown as ErrorBody;
      expect(body.error.code).toBe("bad_request");
      expect(body.error.field).toBe(c.field);
      expect(body.error.message.startsWith(c.field)).toBe(true);
      if (c.messageIncludes) expect(body.error.message).toContain(c.messageIncludes);
    });
  }

  it("stores nothing when a configuration is refused", async () => {
    const get = await admin.request<ErrorBody>("GET", "/api/halls/h-invalid");
    expect(get.status).toBe(404);
  });

  it("keeps the previous configuration when a replacement is refused", async () => {
    expect((await admin.putHall("h-keep", testHall)).status).toBe(201);
    const bad = hall();
    (bad.windows[0] as HallConfig["windows"][number]).categories = ["missing"];
    const res = await admin.putHall("h-keep", bad);
    expect(res.status).toBe(400);
    expect((res.body as unknown as ErrorBody).error.field).toBe("windows.0.categories.0");
    const get = await admin.request<HallConfig>("GET", "/api/halls/h-keep");
    expect(get.body).toEqual(testHall);
  });

  it("refuses a body that is not JSON with 400 bad_request", async () => {
    const res = await admin.request<ErrorBody>("PUT", "/api/halls/h-json", '{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
  });
});

describe("untrusted names", () => {
  const hostile: HallConfig = {
    name: "测试大厅 <b>x</b>",
    timezone: "Asia/Shanghai",
    categories: [
      { id: "social", name: "<img src=x onerror=alert(1)>", itemCodes: ["<script>alert('c')</script>"] },
      { id: "estate", name: "不动产 & \"登记\" '引号'", itemCodes: [] },
    ],
    windows: [
      { id: "w1", name: "<img src=x onerror=alert(1)>", department: "人社局</td><script>1</script>", categories: ["social"] },
      { id: "w2", name: "2号窗口 {{ 1+1 }} ${x}", department: "\\u0041 反斜杠", categories: ["estate", "social"], comprehensive: true },
    ],
    targets: { waitMinutes: 20 },
  };

  it("stores and returns hostile names byte-for-byte as JSON text", async () => {
    const put = await admin.putHall("h-hostile", hostile);
    expect(put.status).toBe(201);
    expect(put.body).toEqual(hostile);

    const res = await fetch(`${server.url}/api/halls/h-hostile`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type") ?? "").toMatch(/^application\/json/);
    const text = await res.text();
    const body = JSON.parse(text) as HallConfig;
    expect(body).toEqual(hostile);
    expect(body.name).toBe("测试大厅 <b>x</b>");
    expect(body.windows[0]?.name).toBe("<img src=x onerror=alert(1)>");
    // No HTML entity encoding or stripping happened on the way: the text is the text.
    expect(text).not.toContain("&lt;");
    expect(text).not.toContain("&amp;");
  });

  it("still returns them unchanged after a restart (read back from the SQLite file)", async () => {
    await server.restart();
    const get = await admin.request<HallConfig>("GET", "/api/halls/h-hostile");
    expect(get.status).toBe(200);
    expect(get.body).toEqual(hostile);
  });
});
