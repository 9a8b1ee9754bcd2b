// Runs the real server as a child process on a temp SQLite file, for integration tests: start, wait
// for /api/health, SIGKILL, restart on the same file. Output is kept for assertions and debugging.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverDatabase, testsOnPostgres } from "./postgres-template.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix = "hallpulse-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ServerOptions {
  dir?: string;
  adminToken?: string | null;
  env?: Record<string, string>;
}

export class ServerProcess {
  readonly dir: string;
  readonly dbFile: string;
  port = 0;
  output = "";
  private child: ChildProcess | null = null;

  constructor(private readonly opts: ServerOptions = {}) {
    this.dir = opts.dir ?? tempDir();
    this.dbFile = path.join(this.dir, "hallpulse.db");
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get adminToken(): string {
    return this.opts.adminToken ?? TEST_ADMIN_TOKEN;
  }

  /** postgresql://… when the tests run on PostgreSQL (HALLPULSE_TEST_DATABASE=postgres), else null. */
  databaseUrl: string | null = null;

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    // One database per server process, kept across restarts like the SQLite file is.
    if (testsOnPostgres() && !this.opts.env?.DATABASE_URL && this.databaseUrl === null) this.databaseUrl = await serverDatabase(path.basename(this.dir));
    const child = this.spawnServer(["ignore", "pipe", "pipe"]);
    this.child = child;
    child.stdout?.on("data", (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (this.output += d.toString()));
    await this.waitHealthy(child);
  }

  /**
   * A server process on this one's port, storage, token and settings (not yet healthy). `start` waits for
   * it; the crash loop also starts one only to kill it part-way through its start.
   */
  spawnServer(stdio: "ignore" | ["ignore", "pipe", "pipe"]): ChildProcess {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(this.port),
      HOST: "127.0.0.1",
      DATABASE_URL: this.databaseUrl ?? `file:${this.dbFile}`,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      ...(this.opts.env ?? {}),
    };
    if (this.opts.adminToken === null) delete env.ADMIN_TOKEN;
    else env.ADMIN_TOKEN = this.adminToken;
    return spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: ROOT, env, stdio });
  }

  private async waitHealthy(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not healthy after ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL: no shutdown hooks run, exactly like a power cut of the process. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
