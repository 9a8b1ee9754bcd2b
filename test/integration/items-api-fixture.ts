// The shared fixture of the items-api.*.int.test.ts files, which test the item lists (事项清单) over HTTP
// against the real server process. Each file registers its own server with setUpItemsServer(); the
// helpers here upload a file as an import, read the current list or one version, and list the versions,
// so that every file speaks to POST/GET …/items/:source the same way.
import fs from "node:fs";
import { afterAll, beforeAll, expect } from "vitest";
import type { ErrorBody, ImportError, ItemListVersion, ServiceItem } from "../../contract/index.js";
import { Api, type ApiResponse } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

/** The bytes of one of the real import files under test/fixtures/items. */
export const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/items/${name}`, import.meta.url));

export const CSV = "text/csv";
export const JSON_TYPE = "application/json";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** What POST …/items/:source answers (ImportOutcome), with the error object on a 400. */
export interface ImportBody {
  version: number | null;
  imported: number;
  errors: ImportError[];
  rejectedRows: number;
  dryRun: boolean;
  headers?: string[];
  unmapped?: string[];
  missing?: string[];
  encoding?: string;
  error?: ErrorBody["error"];
}

export interface ItemListBody {
  version: number;
  items: ServiceItem[];
}

export const server = new ServerProcess();
export let admin: Api;

/** Items in code order, so that lists compare whatever order the server keeps them in. */
export const byCode = (items: readonly ServiceItem[]) => [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** Posts raw bytes as an import (not through Api, which sends JSON); the body is parsed when it is JSON. */
export async function upload(token: string | null, hallId: string, source: string, bytes: Uint8Array, contentType: string, query = ""): Promise<ApiResponse<ImportBody>> {
  const res = await fetch(`${server.url}/api/halls/${hallId}/items/${source}${query}`, {
    method: "POST",
    headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), "content-type": contentType },
    body: bytes,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: body as ImportBody };
}

export const importAs = (hallId: string, source: string, bytes: Uint8Array, contentType: string, query = "") => upload(server.adminToken, hallId, source, bytes, contentType, query);

export async function versionsOf(hallId: string, source: string): Promise<ItemListVersion[]> {
  const res = await admin.request<{ versions: ItemListVersion[] }>("GET", `/api/halls/${hallId}/items/${source}/versions`);
  expect(res.status).toBe(200);
  return res.body.versions;
}

export async function current(hallId: string, source: string, query = ""): Promise<ApiResponse<ItemListBody>> {
  return admin.request<ItemListBody>("GET", `/api/halls/${hallId}/items/${source}${query}`);
}

export async function freshHall(hallId: string): Promise<void> {
  const res = await admin.putHall(hallId, testHall);
  expect(res.status).toBe(201);
}

/** Registers the file's server: started (with `admin` speaking to it) before the file's tests, stopped and removed after. */
export function setUpItemsServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
  });

  afterAll(async () => {
    await server.stop();
    server.remove();
  });
}
