// The shared fixture of the tokens-api.*.int.test.ts files, which test tokens and access control against the
// real server process. Each file calls setUpTokensServer() and so starts its own server with the two halls
// HALL and OTHER (the same test hall twice) and the bootstrap admin token; issue() hands out more tokens.
import { afterAll, beforeAll, expect } from "vitest";
import type { CreatedToken } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

export const server = new ServerProcess();
/** The bootstrap admin (global, from ADMIN_TOKEN). */
export let admin: Api;

export const HALL = "tk-a";
export const OTHER = "tk-b";

export const issue = (req: { role: string; hallId?: string; windowId?: string }): Promise<CreatedToken> => admin.issueToken(req);

export function setUpTokensServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    expect((await admin.putHall(HALL, testHall)).status).toBe(201);
    expect((await admin.putHall(OTHER, testHall)).status).toBe(201);
  });

  afterAll(async () => {
    await server.stop();
    server.remove();
  });
}
