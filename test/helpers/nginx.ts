// nginx in front of test nodes (issue #11): Debian's nginx binary, never Debian's config — the config is
// rendered from deploy/nginx/hallpulse.conf.template (scripts/services/nginx-config.ts) into a temp dir
// and nginx runs as a child process (`daemon off`) with that dir as its prefix for pid, logs and temp
// files. Installed through scripts/services/nginx.sh when missing.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { renderNginxConfig } from "../../scripts/services/nginx-config.js";
import { findExecutable, killOnExit, runServiceScript } from "./service-script.js";
import { freePort, tempDir } from "./server-process.js";

export interface NginxOptions {
  /** The nodes' ports on 127.0.0.1. */
  upstreamPorts: number[];
  /** Default 1 (a 2-core machine shared with the nodes). */
  workerProcesses?: number;
}

export interface TestNginx {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The prefix dir: nginx.conf, error.log, nginx.pid. */
  dir: string;
  /** nginx's error log so far (startup problems, upstream failures). */
  errorLog(): string;
  stop(): Promise<void>;
}

async function nginxPath(): Promise<string> {
  const found = findExecutable("nginx");
  if (found) return found;
  await runServiceScript("nginx", ["install"]);
  const installed = findExecutable("nginx");
  if (!installed) throw new Error("nginx is still missing after scripts/services/nginx.sh install");
  return installed;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startNginx(opts: NginxOptions): Promise<TestNginx> {
  const bin = await nginxPath();
  const port = await freePort();
  const dir = tempDir("hallpulse-nginx-");
  // As root the workers run as `nobody`: they must be able to enter the prefix to use its temp dirs.
  fs.chmodSync(dir, 0o755);
  const confFile = path.join(dir, "nginx.conf");
  const errorLogFile = path.join(dir, "error.log");
  fs.writeFileSync(confFile, renderNginxConfig({ prefix: dir, listen: port, upstreams: opts.upstreamPorts, daemon: false, workerProcesses: opts.workerProcesses ?? 1 }));
  // -e: the error log before the config is read (else nginx tries Debian's /var/log/nginx/error.log).
  const child = spawn(bin, ["-p", dir, "-c", confFile, "-e", errorLogFile], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const forget = killOnExit(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const errorLog = () => {
    try {
      return fs.readFileSync(errorLogFile, "utf8");
    } catch {
      return "";
    }
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // fast shutdown of master and workers
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    forget();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const why = `${output}\n${errorLog()}`;
      await stop();
      throw new Error(`nginx did not start on 127.0.0.1:${port}:\n${why}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, port, dir, errorLog, stop };
}
