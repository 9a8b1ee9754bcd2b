// Fuzzes every entry point of a real server process and then scans everything it keeps or shows for
// personal data:  npm run test:fuzz -- --runs 100000 [--seed S] [--target events|ingest|staff|halls|items]
// Prints a table (target, inputs, accepted, duplicate, rejected, errors) and exits non-zero on any failure.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatFailures, formatReport, runFuzz, TARGETS, FUZZ_HALL, ITEMS_HALL, type TargetName } from "../test/fuzz/run-fuzz.js";
import { HALL_ID_POOL } from "../test/fuzz/arbitraries.js";
import { scanDatabase, scanSurfaces, shanghaiDate, type PrivacyFinding } from "../test/fuzz/privacy-scan.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "2000" },
    seed: { type: "string" },
    target: { type: "string", multiple: true },
    "no-privacy": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  process.stdout.write("npm run test:fuzz -- [--runs N] [--seed S] [--target events|ingest|staff|halls|items]… [--no-privacy]\n");
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs: expected a positive whole number");
const targets = (values.target ?? [...TARGETS]).flatMap((t) => t.split(","));
for (const t of targets) if (!(TARGETS as readonly string[]).includes(t)) throw new Error(`--target: unknown target "${t}" (expected ${TARGETS.join(", ")})`);
const seed = values.seed === undefined ? undefined : Number(values.seed);

const report = await runFuzz({ runs, targets: targets as TargetName[], stopServer: false, onProgress: (l) => process.stdout.write(`${l}\n`), ...(seed !== undefined ? { seed } : {}) });
const { session } = report;
let failed = report.failures.length > 0;
process.stdout.write(`\n${formatReport(report)}\n`);

if (!values["no-privacy"]) {
  const t0 = Date.now();
  const findings: PrivacyFinding[] = [];
  const db = scanDatabase(session.server.dbFile, findings);
  const surfaces = await scanSurfaces({
    url: session.server.url,
    adminToken: session.adminToken,
    hallIds: [FUZZ_HALL, ITEMS_HALL, ...HALL_ID_POOL],
    staffTokens: Object.values(session.staffTokens),
    logs: session.server.output,
    tokens: report.tokens,
    today: shanghaiDate(Date.now()),
  });
  findings.push(...surfaces.findings);
  process.stdout.write(
    `\nprivacy scan (${((Date.now() - t0) / 1000).toFixed(1)} s): ${db.tables} tables, ${db.rows} rows, ${db.values} values; ${surfaces.looked.length} exports/views/logs; ` +
      `${findings.length} personal numbers found, ${surfaces.tokensInLogs.length} tokens in the logs\n`,
  );
  for (const f of findings.slice(0, 30)) process.stdout.write(`- ${f.where} [${f.kind}] ${f.match}: …${f.context}…\n`);
  if (surfaces.tokensInLogs.length > 0) process.stdout.write(`- tokens in the logs: ${surfaces.tokensInLogs.length}\n`);
  if (findings.length > 0 || surfaces.tokensInLogs.length > 0) failed = true;
}
await session.server.stop();

if (report.failures.length > 0) process.stdout.write(`\n${report.failures.length} failure(s):\n${formatFailures(report.failures)}\n`);
if (failed) fs.writeFileSync(path.join(session.server.dir, "server.log"), session.server.output);
process.stdout.write(`\n${failed ? `FAILED (seed ${report.seed}; the database and server.log are in ${session.server.dir})` : `passed (seed ${report.seed})`}\n`);
if (!failed) session.server.remove();
process.exit(failed ? 1 : 0);
