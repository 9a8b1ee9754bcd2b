// The "halls" target: PUT /api/halls/:hallId with generated configurations and hall ids, then a probe that
// a raw __proto__ key is refused (prototype pollution did not take).
import { hallConfigSchema } from "../../contract/index.js";
import { hallConfigInput } from "./arb-hall-configs.js";
import { setOwn } from "./arb-values.js";
import { fuzzHall, type FuzzSession } from "./fuzz-session.js";
import { CONCURRENCY, inChunks, pool } from "./input-flow.js";
import { hasPersonalNumber } from "./privacy-scan.js";
import type { Counts, FuzzFailure } from "./report-types.js";
import type { Tagged } from "./tagged.js";
import { httpProblem, preview, record, wire } from "./verdicts.js";

export async function fuzzHalls(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  await inChunks(n, seed, "halls", () => hallConfigInput, async (items, offset) => {
    await pool(items, CONCURRENCY, async (t, i) => {
      const index = offset + i;
      const { hallId, body } = t.value;
      const text = JSON.stringify(body) ?? "null";
      const res = await s.admin.request("PUT", `/api/halls/${hallId}`, text);
      counts.inputs++;
      if (t.expect === "pii") counts.planted++;
      let problem = httpProblem(res.status, res.body);
      if (res.status === 200 || res.status === 201) {
        counts.accepted++;
        if (t.expect === "pii") problem = `a configuration with a personal number was stored (${t.how})`;
        else if (!hallConfigSchema.safeParse(wire(body)).success) problem = "stored a configuration the contract refuses";
        else if (hasPersonalNumber(text) || hasPersonalNumber(hallId)) problem = "stored a configuration holding a personal number";
      } else if (res.status >= 400 && res.status < 500) {
        counts.rejected++;
        if (t.expect === "valid") problem ??= `a valid configuration was refused: ${preview(res.body)}`;
      } else problem ??= `HTTP ${res.status}`;
      record(failures, "halls", index, problem, t as Tagged, counts);
    });
  }, 200);
  // prototype pollution did not take: a fresh object has no "polluted" property on the server side
  const probe = setOwn({ ...(wire(fuzzHall) as Record<string, unknown>) }, "__proto__", { polluted: true });
  const res = await s.admin.request("PUT", "/api/halls/fz-cfg-0", JSON.stringify(probe));
  if (res.status !== 400) record(failures, "halls", -1, `a configuration with __proto__ was answered ${res.status}`, { value: probe, expect: "any", how: "__proto__ probe" }, counts, false);
}
