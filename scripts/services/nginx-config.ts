// Renders deploy/nginx/hallpulse.conf.template (issue #11) into a whole nginx.conf for
// `nginx -p <prefix> -c <file>`: nginx in front of N HallPulse nodes with sticky sessions and WebSocket
// upgrade. The template is the one place the proxy's settings and their reasons live; this file only
// fills in its placeholders (scripts/services/nginx.sh does the same in shell).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const NGINX_TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../deploy/nginx/hallpulse.conf.template");

export interface NginxConfigOptions {
  /** Absolute directory for pid, logs and temp files. */
  prefix: string;
  /** Where nginx listens, e.g. 127.0.0.1:8080 (a bare port means 127.0.0.1:port). */
  listen: string | number;
  /** The HallPulse nodes, as ports on 127.0.0.1 or as host:port. */
  upstreams: readonly (string | number)[];
  /** `off` when nginx runs as a child process (tests), `on` when it daemonizes. Default off. */
  daemon?: boolean;
  /** Default 1: the tests and the benchmark share a 2-core machine with the nodes. */
  workerProcesses?: number | "auto";
  /** A path for the access log, or null (default) for none. */
  accessLog?: string | null;
  /** Default 20m: the server's largest body limit (server/adapters/limits.ts, BODY_LIMITS.itemList). */
  clientMaxBodySize?: string;
}

/** `host:port` (a bare port means 127.0.0.1); throws on anything else, so nothing can end the directive. */
function hostPort(value: string | number): string {
  const text = typeof value === "number" || /^\d+$/.test(value) ? `127.0.0.1:${value}` : value;
  if (!/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):\d{1,5}$/.test(text)) throw new Error(`unsafe nginx address: ${JSON.stringify(value)}`);
  return text;
}

/** The nginx.conf text. Throws on an empty upstream list or a value that could break out of its directive. */
export function renderNginxConfig(opts: NginxConfigOptions, template = fs.readFileSync(NGINX_TEMPLATE, "utf8")): string {
  if (opts.upstreams.length === 0) throw new Error("nginx needs at least one upstream node");
  if (!path.isAbsolute(opts.prefix)) throw new Error(`nginx prefix must be absolute: ${opts.prefix}`);
  const values: Record<string, string> = {
    PREFIX: opts.prefix,
    DAEMON: opts.daemon ? "on" : "off",
    WORKER_PROCESSES: String(opts.workerProcesses ?? 1),
    ACCESS_LOG: opts.accessLog ?? "off",
    LISTEN: hostPort(opts.listen),
    UPSTREAM_SERVERS: opts.upstreams.map((u) => `    server ${hostPort(u)} max_fails=1 fail_timeout=10s;`).join("\n"),
    CLIENT_MAX_BODY_SIZE: opts.clientMaxBodySize ?? "20m",
  };
  // Each value lands inside one directive: refuse anything that could end it or start another (the
  // addresses were checked by hostPort; the server lines are ours).
  for (const [key, value] of Object.entries(values)) {
    if (key !== "UPSTREAM_SERVERS" && !/^[A-Za-z0-9_./:[\]-]+$/.test(value)) throw new Error(`unsafe nginx config value for ${key}: ${JSON.stringify(value)}`);
  }
  const text = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`unknown placeholder ${whole} in ${NGINX_TEMPLATE}`);
    return value;
  });
  return text;
}
