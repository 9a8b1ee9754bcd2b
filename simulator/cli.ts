// Command line for the hall simulator: optional history backfill, then a live run until Ctrl-C.
//   tsx simulator/cli.ts --url http://127.0.0.1:3000 --token <device token> --hall demo-county \
//       [--speed 10] [--backfill-days 90] [--seed 1] [--scale 1] [--start 09:00] [--no-live]
//   tsx simulator/cli.ts --print-hall            (the demo hall's configuration as JSON, for PUT /api/halls/:id)
//   tsx simulator/cli.ts --dry-run [--date 2026-11-24]   (simulate one day offline and print its figures)
import { parseArgs } from "node:util";
import { backfill } from "./backfill.js";
import { DEMO_HALL_ID, demoHall } from "./demo-hall.js";
import { simulateHallDay } from "./generate-day.js";
import { IngestClient } from "./ingest-client.js";
import { runLive } from "./live-run.js";
import { localDateOf, zoneOffsetMinutes } from "./local-time.js";

const USAGE = `usage: tsx simulator/cli.ts --url <http://host:port> --token <device token> [--hall ${DEMO_HALL_ID}]
         [--speed 10] [--backfill-days 0] [--end-date YYYY-MM-DD] [--seed 1] [--scale 1]
         [--start 09:00] [--no-live] [--config-token <admin/manager token>]
       tsx simulator/cli.ts --print-hall
       tsx simulator/cli.ts --dry-run [--date YYYY-MM-DD] [--seed 1] [--scale 1]`;

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    hall: { type: "string", default: DEMO_HALL_ID },
    speed: { type: "string", default: "10" },
    "backfill-days": { type: "string", default: "0" },
    "end-date": { type: "string" },
    seed: { type: "string", default: "1" },
    scale: { type: "string", default: "1" },
    start: { type: "string", default: "09:00" },
    "no-live": { type: "boolean", default: false },
    "config-token": { type: "string" },
    "print-hall": { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    date: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

function num(name: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !Number.isFinite(n)) fail(`--${name} expects a number, got "${text}"`);
  return n;
}

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

function todayLocal(): string {
  const now = Date.now();
  return localDateOf(now, zoneOffsetMinutes(demoHall.timezone, now));
}

async function putHallConfig(url: string, token: string, hallId: string): Promise<void> {
  const res = await fetch(`${url}/api/halls/${encodeURIComponent(hallId)}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(demoHall),
  });
  if (!res.ok) throw new Error(`PUT /api/halls/${hallId} answered ${res.status}: ${await res.text()}`);
  console.log(`hall ${hallId} configured (${demoHall.windows.length} windows, ${demoHall.categories.length} categories)`);
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values["print-hall"]) {
    console.log(JSON.stringify(demoHall, null, 2));
    return;
  }
  const seed = num("seed", values.seed);
  const scale = num("scale", values.scale);
  const hallId = values.hall;

  if (values["dry-run"]) {
    const date = values.date ?? todayLocal();
    const { events, stats } = simulateHallDay({ hall: demoHall, hallId, date, seed, scale });
    console.log(JSON.stringify(stats, null, 2));
    for (const e of events.slice(0, 5)) console.log(JSON.stringify(e));
    return;
  }

  const url = values.url?.replace(/\/+$/, "");
  const token = values.token;
  if (!url || !token) fail("--url and --token are required");
  const speed = num("speed", values.speed);
  const backfillDays = num("backfill-days", values["backfill-days"]);
  if (hallId !== DEMO_HALL_ID) console.warn(`note: sending the demo hall's windows and categories as hall "${hallId}"; its configuration must match (see --print-hall)`);
  if (values["config-token"]) await putHallConfig(url, values["config-token"], hallId);

  const client = new IngestClient({
    url,
    token,
    onRetry: ({ attempt, events, reason }) => console.warn(`resending ${events} events (attempt ${attempt}): ${reason}`),
  });
  const controller = new AbortController();
  let interrupts = 0;
  let live = false;
  process.on("SIGINT", () => {
    interrupts++;
    if (interrupts === 1 && live) {
      console.log("\nstopping (closing the open windows)… press Ctrl-C again to quit at once");
      controller.abort();
    } else {
      client.close();
      process.exit(130);
    }
  });

  try {
    await client.connect();
    console.log(`connected to ${url}/ingest`);
    if (backfillDays > 0) {
      const endDate = values["end-date"] ?? todayLocal();
      console.log(`backfilling ${backfillDays} days before ${endDate}…`);
      const result = await backfill({
        client,
        hall: demoHall,
        hallId,
        days: backfillDays,
        endDate,
        seed,
        scale,
        onDay: ({ date, events, done, days }) => {
          if (done % 10 === 0 || done === days) console.log(`  ${date}: ${events} events (${done}/${days})`);
        },
      });
      const { rejections, ...figures } = result;
      console.log("backfill done:", JSON.stringify(figures));
      for (const r of rejections.slice(0, 5)) console.warn(`  rejected ${r.id}: ${r.error ?? ""}`);
    }
    if (!values["no-live"] && speed > 0 && !controller.signal.aborted) {
      console.log(`live run at ×${speed} from ${values.start} (Ctrl-C to stop)`);
      let lastLog = 0;
      live = true;
      const summary = await runLive({
        client,
        hall: demoHall,
        hallId,
        speed,
        seed,
        scale,
        startAtLocal: values.start,
        signal: controller.signal,
        onProgress: (p) => {
          if (Date.now() - lastLog < 5000) return;
          lastLog = Date.now();
          console.log(`  day ${p.day + 1} (${p.simDate}) ${p.simTime}: ${p.sent} events sent${p.lagMs > 2000 ? `, ${Math.round(p.lagMs / 1000)} s behind` : ""}`);
        },
      });
      console.log("live run done:", JSON.stringify(summary));
    }
    const { rejections, ...stats } = client.stats;
    console.log("client:", JSON.stringify(stats));
    for (const r of rejections.slice(0, 5)) console.warn(`  rejected ${r.id}: ${r.error ?? ""}`);
  } finally {
    client.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `${err.name}: ${err.message}` : err);
  process.exit(1);
});
