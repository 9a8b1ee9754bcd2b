// Who may do what over REST, against the real server process (authz-matrix-fixture.ts): every row of
// REST_TABLE in test/security/authz-table.ts is sent by every kind of caller and must answer exactly the
// status the table gives — and a 401 or 403 must carry the matching error code. A cell that needs something
// first (a token to revoke, a follow-up case, a calendar year) gets it fresh from the fixture's prepare().
import { describe, expect, it } from "vitest";
import { COLUMNS, REST_TABLE, type Column, type RestRow } from "../security/authz-table.js";
import { fill, gAdm, prepare, rowName, setUpAuthzServer, tokens } from "./authz-matrix-fixture.js";

setUpAuthzServer();

// ── the matrix ──────────────────────────────────────────────────────────────────────────────────

async function restCell(row: RestRow, col: Column): Promise<string | null> {
  const vars = await prepare(row.setup);
  const body = row.body === undefined ? undefined : fill(row.body, vars);
  const res = await gAdm.as(tokens[col]).request<{ error?: { code?: string } }>(row.method, fill(row.path, vars), body);
  const want = row.expect[col];
  const code = res.body && typeof res.body === "object" ? res.body.error?.code : undefined;
  if (res.status !== want) return `${col}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
  if (want === 401 && code !== "unauthorized") return `${col}: 401 with code ${code}`;
  if (want === 403 && code !== "forbidden") return `${col}: 403 with code ${code}`;
  return null;
}

describe("REST: every route × every caller", () => {
  for (const row of REST_TABLE) {
    it(rowName(row, `${row.method} ${row.route}`), async () => {
      const wrong: string[] = [];
      for (const col of COLUMNS) {
        const problem = await restCell(row, col);
        if (problem) wrong.push(problem);
      }
      expect(wrong).toEqual([]);
    });
  }
});
