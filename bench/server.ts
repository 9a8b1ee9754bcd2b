// The real HallPulse server as a child process (the production build, or the sources through tsx)
// on a given SQLite file: start and time it to healthy, sample its memory, stop it. Also a tiny admin
// API client for the few calls the benchmark makes.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { CreatedToken, HallConfig } from "../contract/index.js";
import { freePort, ROOT } from "../test/helpers/server-process.js";

export { freePort, ROOT };

/** The bootstrap admin token of every benchmark server (ADMIN_TOKEN), never a real secret. */
export const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until every node answers a hall's load to its display token: a hall and tokens made on one node of
 * a cluster reach the others through cluster notices, a moment later. Throws after `deadline` (epoch ms).
 */
export async function untilHallKnown(urls: readonly string[], hallId: string, displayToken: string, deadline: number): Promise<void> {
  for (const url of urls)
    for (;;) {
      const r = await fetch(`${url}/api/halls/${hallId}/load`, { headers: { authorization: `Bearer ${displayToken}` } }).catch(() => null);
      if (r?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`${url} does not know hall ${hallId} or its display token (last status ${r?.status ?? "none"})`);
      await sleep(100);
    }
}

/**
 * How the server is run: the production build (`tsc -p tsconfig.build.json` into data/bench/server-build,
 * made once per benchmark run from the current sources, run with plain node as `npm start` does), or, when
 * that build fails or was not made, the sources through tsx as the tests run them.
 */
export const serverEntry: { args: string[]; kind: "built" | "tsx"; note: string } = { args: ["--import", "tsx", "server/main.ts"], kind: "tsx", note: "not built" };

export function buildServer(log: (m: string) => void): void {
  const out = path.join(ROOT, "data", "bench", "server-build");
  fs.rmSync(out, { recursive: true, force: true });
  try {
    execFileSync(path.join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json", "--outDir", out, "--sourceMap", "false"], { cwd: ROOT, stdio: "pipe" });
    serverEntry.args = [path.join(out, "server", "main.js")];
    serverEntry.kind = "built";
    serverEntry.note = "node data/bench/server-build/server/main.js (tsc -p tsconfig.build.json of this run's sources)";
  } catch (err) {
    const e = err as { stdout?: Buffer };
    serverEntry.note = `build failed, running through tsx: ${e.stdout?.toString().slice(0, 300) ?? String(err)}`;
  }
  log(`server: ${serverEntry.kind} (${serverEntry.note})`);
}

export class BenchServer {
  port = 0;
  output = "";
  child: ChildProcess | null = null;
  /** ms from spawn to the first 200 of /api/health, of the last start. */
  startMs = 0;

  constructor(
    readonly dbFile: string,
    private readonly env: Record<string, string> = {},
    /** Extra node arguments; default BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). */
    private readonly nodeArgs: string[] = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean),
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    const pid = this.child?.pid;
    if (pid === undefined) throw new Error("server not running");
    return pid;
  }

  async start(timeoutMs = 600_000): Promise<number> {
    if (this.port === 0) this.port = await freePort();
    this.output = "";
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(this.port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${this.dbFile}`,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      ...this.env,
    };
    const started = performance.now();
    const child = spawn(process.execPath, [...this.nodeArgs, ...serverEntry.args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const keep = (d: Buffer) => {
      this.output += d.toString();
      if (this.output.length > 2_000_000) this.output = this.output.slice(-1_000_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const deadline = started + timeoutMs;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output.slice(-4000)}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.status === 200) {
          this.startMs = performance.now() - started;
          return this.startMs;
        }
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
    throw new Error(`server not healthy after ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
  }

  /** The "live state rebuilt from the event log" time the server logged on its last start (ms), if any. */
  loggedRebuildMs(): number | null {
    return this.loggedMs("live state rebuilt");
  }

  /**
   * When the consistency facts, read after the server is up, were held: ms since the start began as the
   * server logged it ("consistency facts read from the event log"), or null while it has not.
   */
  loggedConsistencyMs(): number | null {
    return this.loggedMs("consistency facts read");
  }

  /** How long after "HallPulse is ready" the consistency facts were held (server clock), waiting up to `timeoutMs`; null if never. */
  async consistencyHeldAfterReadyMs(timeoutMs: number): Promise<number | null> {
    for (const deadline = performance.now() + timeoutMs; performance.now() < deadline; await sleep(20)) {
      const held = this.loggedConsistencyMs();
      const ready = /"startMs":(\d+)[^\n]*"msg":"HallPulse is ready"/.exec(this.output);
      if (held !== null && ready) return held - Number(ready[1]);
    }
    return null;
  }

  /** The `ms` of the first log line of the last start that contains `message`, if any. */
  private loggedMs(message: string): number | null {
    for (const line of this.output.split("\n")) {
      if (!line.includes(message)) continue;
      try {
        const ms = (JSON.parse(line) as { ms?: number }).ms;
        if (typeof ms === "number") return ms;
      } catch {
        const m = /"ms":(\d+)/.exec(line);
        if (m) return Number(m[1]);
      }
    }
    return null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  api(token = BENCH_ADMIN_TOKEN): AdminApi {
    return new AdminApi(this.url, token);
  }
}

export class AdminApi {
  constructor(readonly baseUrl: string, readonly token: string) {}

  async request<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T; ms: number }> {
    const send = () =>
      fetch(this.baseUrl + route, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    let started = performance.now();
    let res: Response;
    try {
      res = await send();
    } catch (err) {
      // A kept-alive connection the server closed while idle (e.g. during a long SQL baseline) fails the
      // next request at once; a GET is sent again on a new connection, and timed from there.
      if (method !== "GET") throw err;
      started = performance.now();
      res = await send();
    }
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T, ms };
  }

  async putHall(hallId: string, hall: HallConfig): Promise<void> {
    const r = await this.request("PUT", `/api/halls/${hallId}`, hall);
    if (r.status !== 200 && r.status !== 201) throw new Error(`PUT hall ${hallId}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  /** A hall's token, or an overseer's (every hall, no `hallId`). */
  async createToken(role: "device" | "display" | "manager" | "overseer", hallId?: string): Promise<string> {
    const r = await this.request<CreatedToken>("POST", "/api/tokens", { role, ...(hallId !== undefined ? { hallId } : {}), label: `bench ${role}` });
    if (r.status !== 201) throw new Error(`token ${role}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token;
  }
}

/** The plain socket.io baseline server (bench/noop-server.ts) as a child process. */
export async function startNoopServer(env: Record<string, string> = {}): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/noop-server.ts"], {
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /\{"port":(\d+)\}/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`noop server exited with ${code}: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
