// The province overview's rows (issue #11), per node configuration and live phase: how long a probe takes to
// show on `/overview` (pushed), and what `GET /api/overview` costs against `GET /api/halls` in the same run.
import { OVERVIEW_MATCH } from "./overview-match.js";
import type { Row } from "./report.js";
import { ms, type ConfigRun, type PhaseRun } from "./province-types.js";
import { ratio, round } from "./stats.js";

/** The overview promises a push at most every 2 s after a hall published (≤ 250 ms after a commit), and a GET answer at most 3 s old. */
export const OVERVIEW_PUSH_TARGET_MS = 3000;
export const OVERVIEW_GET_TARGET_MS = 300;

export function overviewRows(r: ConfigRun, p: PhaseRun, what: string): Row[] {
  const o = p.overview;
  const push = o.push.latency;
  return [
    {
      bench: "province",
      figure: `probe → /overview push p99, ${r.label}, ${what} (every node's overseer socket)`,
      value: push.p99,
      unit: "ms",
      target: `≤ ${OVERVIEW_PUSH_TARGET_MS / 1000} s`,
      met: push.n > 0 && push.p99 <= OVERVIEW_PUSH_TARGET_MS && o.push.missed === 0,
      note: [
        `p50 ${ms(push.p50)}, max ${ms(push.max)}, ${push.n} probe×node samples`,
        `${o.push.missed} missed (not shown within ${OVERVIEW_MATCH.windowMs / 1000} s)`,
        `${o.push.excluded} left out (another window of the hall moved within ${OVERVIEW_MATCH.quietBeforeMs / 1000} s before or ${OVERVIEW_MATCH.windowMs / 1000} s after the probe, or no push before it)`,
        `pushes every ${ms(o.gaps.p50)} (p99 ${ms(o.gaps.p99)}) per node; shown when the hall's open windows moved the probe's way`,
      ].join("; "),
    },
    {
      bench: "province",
      figure: `GET /api/overview p99, ${r.label}, ${what}`,
      value: o.polls.overview.p99,
      unit: "ms",
      baseline: { name: "GET /api/halls p99", value: o.polls.halls.p99 },
      ratio: ratio(o.polls.overview.p99, o.polls.halls.p99),
      target: `≤ ${OVERVIEW_GET_TARGET_MS} ms`,
      met: o.polls.overview.n > 0 && o.polls.overview.p99 <= OVERVIEW_GET_TARGET_MS && o.polls.failed === 0,
      note: `p50 ${ms(o.polls.overview.p50)}, max ${ms(o.polls.overview.max)}, ${o.polls.overview.n} requests, the nodes in turn once a second (the answer kept 3 s); ${round(o.polls.meanBytes / 1024)} KB a body; GET /api/halls p50 ${ms(o.polls.halls.p50)}; ${o.polls.failed} not 200`,
    },
  ];
}
