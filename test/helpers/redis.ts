// A private Redis for one test file (issue #11): Debian's redis-server as a child process on a free
// loopback port, in its own temp dir, with no persistence (nothing of record lives in Redis: it only
// carries socket.io's fan-out). Installed through scripts/services/redis.sh when missing.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { findExecutable, killOnExit, runServiceScript } from "./service-script.js";
import { freePort, tempDir } from "./server-process.js";

export interface TestRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Everything it printed, for assertions and debugging. */
  output(): string;
  stop(): Promise<void>;
}

/** True once the server answers PING with +PONG (a raw RESP exchange: no client library needed). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (d: Buffer) => {
      reply += d.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}

async function redisServerPath(): Promise<string> {
  const found = findExecutable("redis-server");
  if (found) return found;
  await runServiceScript("redis", ["install"]);
  const installed = findExecutable("redis-server");
  if (!installed) throw new Error("redis-server is still missing after scripts/services/redis.sh install");
  return installed;
}

export async function startRedis(): Promise<TestRedis> {
  const bin = await redisServerPath();
  const port = await freePort();
  const dir = tempDir("hallpulse-redis-");
  // daemonize no: the child is the server, so killing it is enough. save "" / appendonly no: no files.
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--daemonize", "no", "--save", "", "--appendonly", "no", "--dir", dir, "--logfile", ""], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forget = killOnExit(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    forget();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, output: () => output, stop };
}
