// The crash loop on demand: `npm run test:crash -- --cycles 200 [--seed S] [--devices 4] [--displays 2]`.
// Kills the server with SIGKILL at random (seeded) moments while devices send and displays follow, then
// prints the counts and every check; exits 1 when anything was lost, doubled, corrupt or unequal.
import { formatCrashLoopReport, runCrashLoop, type CrashLoopOptions } from "../test/reliability/crash-loop.js";

const HELP = `usage: npm run test:crash -- [--cycles N] [--seed S] [--devices D] [--displays K]
                           [--events-per-cycle E] [--batch-max B] [--keep] [--quiet]

  --cycles N            SIGKILL + restart cycles (default 20)
  --seed S              replay a run: the same stream, kill points and pretended ack losses (default: random)
  --devices D           /ingest devices sending at once (default 4)
  --displays K          /display clients following through the restarts (default 2)
  --events-per-cycle E  events sent between two kills, on average (default 120)
  --batch-max B         largest batch a device sends (default 30)
  --keep                keep the temp directory with the database even when everything passed
  --quiet               print only the final table, not a line per kill`;

function parseArgs(argv: readonly string[]): { opts: CrashLoopOptions; quiet: boolean } {
  const opts: CrashLoopOptions = { cycles: 20 };
  let quiet = false;
  const int = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isSafeInteger(n) || n < min) {
      process.stderr.write(`${flag}: expected an integer ≥ ${min}, got ${value ?? "nothing"}\n\n${HELP}\n`);
      process.exit(2);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--cycles":
        opts.cycles = int(flag, value(), 0);
        break;
      case "--seed":
        opts.seed = int(flag, value(), 0);
        break;
      case "--devices":
        opts.devices = int(flag, value(), 1);
        break;
      case "--displays":
        opts.displays = int(flag, value(), 0);
        break;
      case "--events-per-cycle":
        opts.eventsPerCycle = int(flag, value(), 20);
        break;
      case "--batch-max":
        opts.batchMax = int(flag, value(), 1);
        break;
      case "--keep":
        opts.keepDir = true;
        break;
      case "--quiet":
        quiet = true;
        break;
      case "--help":
      case "-h":
        process.stdout.write(`${HELP}\n`);
        process.exit(0);
        break;
      default:
        process.stderr.write(`unknown option ${arg}\n\n${HELP}\n`);
        process.exit(2);
    }
  }
  return { opts, quiet };
}

async function main(): Promise<void> {
  const { opts, quiet } = parseArgs(process.argv.slice(2));
  const report = await runCrashLoop({ ...opts, log: (line) => (quiet && !line.startsWith("crash loop") && !line.startsWith("FAILED") ? undefined : process.stdout.write(`${line}\n`)) });
  process.stdout.write(`\n${formatCrashLoopReport(report)}\n`);
  process.exit(report.ok ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`crash loop could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
