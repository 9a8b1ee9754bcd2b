// The "items" target: POST /api/halls/:hallId/items/:source with generated item-list files (CSV incl.
// GBK, XLSX, JSON, raw bytes, damaged fixtures) built by item-files.ts.
import { itemFileInput } from "./arb-item-lists.js";
import { FUZZ_HALL, ITEMS_HALL, type FuzzSession } from "./fuzz-session.js";
import { CONCURRENCY, inChunks, pool } from "./input-flow.js";
import { buildItemFile } from "./item-files.js";
import type { Counts, FuzzFailure } from "./report-types.js";
import type { Tagged } from "./tagged.js";
import { httpProblem, preview, record } from "./verdicts.js";

export async function fuzzItems(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  await inChunks(n, seed, "items", () => itemFileInput, async (items, offset) => {
    await pool(items, CONCURRENCY, async (t, i) => {
      const index = offset + i;
      const file = await buildItemFile(t.value);
      const hallId = index % 10 === 0 ? FUZZ_HALL : ITEMS_HALL;
      const res = await fetch(`${s.server.url}/api/halls/${hallId}/items/${file.pathAndQuery}`, {
        method: "POST",
        headers: { authorization: `Bearer ${s.adminToken}`, ...(file.contentType ? { "content-type": file.contentType } : {}) },
        body: file.body,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      counts.inputs++;
      if (t.expect === "pii") counts.planted++;
      let problem = httpProblem(res.status, body);
      const b = body as { version?: unknown; imported?: unknown; errors?: unknown[]; dryRun?: unknown };
      if (res.status === 200 || res.status === 201) {
        counts.accepted++;
        if (t.expect === "pii") problem = `a list with a personal number was imported (${t.how})`;
        else if (res.status === 201 && t.value.query.partial !== "true" && (b.errors?.length ?? 0) > 0) problem = "imported a list with errors without partial=true";
        else if (t.expect === "valid" && t.value.query.dryRun !== "true" && b.imported !== t.value.rows.length - 1) problem = `a valid list imported ${String(b.imported)} of ${t.value.rows.length - 1} items: ${preview(b.errors)}`;
      } else if (res.status >= 400 && res.status < 500) {
        counts.rejected++;
        if (t.expect === "valid") problem ??= `a valid list was refused: ${preview(body)}`;
      } else problem ??= `HTTP ${res.status}`;
      record(failures, "items", index, problem, { ...t, value: { ...t.value, raw: undefined, rows: t.value.rows.slice(0, 3) } } as Tagged, counts);
    });
  }, 100);
}
