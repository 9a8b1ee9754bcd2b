// The province overview as an overseer sees it during the province's live phases (issue #11): one `/overview`
// socket per node recording each push (its hall's open windows, for bench/overview-match.ts), and a poller
// timing `GET /api/overview` against `GET /api/halls` — the same token, router and authorization with
// almost nothing computed — on the nodes in turn, once a second.
import { io, type Socket } from "socket.io-client";
import type { Overview } from "../contract/overview.js";
import type { OverviewSeen } from "./overview-match.js";
import { sleep } from "./server.js";
import { summarize, type Summary } from "./stats.js";

export interface OverviewWatch {
  /** Each node's pushes so far, in arrival order. */
  pushes: OverviewSeen[][];
  close(): void;
}

/** Connects one `/overview` socket per node; resolves once each has had its first push. */
export async function watchOverview(urls: readonly string[], token: string, hallIds: readonly string[]): Promise<OverviewWatch> {
  const index = new Map(hallIds.map((id, i) => [id, i]));
  const pushes: OverviewSeen[][] = urls.map(() => []);
  const sockets: Socket[] = [];
  await Promise.all(
    urls.map(
      (url, node) =>
        new Promise<void>((resolve, reject) => {
          const socket = io(`${url}/overview`, { auth: { token }, transports: ["websocket"], forceNew: true, reconnection: false });
          sockets.push(socket);
          socket.on("overview", (o: Overview) => {
            const at = performance.now();
            const open: (number | null)[] = hallIds.map(() => null);
            for (const h of o.halls) {
              const i = index.get(h.hallId);
              if (i !== undefined) open[i] = h.windows.open;
            }
            pushes[node]?.push({ at, open });
            resolve();
          });
          socket.once("connect_error", (err) => reject(new Error(`/overview on node ${node + 1} refused: ${err.message}`)));
        }),
    ),
  );
  return { pushes, close: () => sockets.forEach((s) => s.close()) };
}

export interface OverviewPolls {
  overview: Summary;
  /** The same requests' baseline: `GET /api/halls`, sent right after each `GET /api/overview`. */
  halls: Summary;
  /** Requests answered otherwise than 200 (either route). */
  failed: number;
  /** Mean body size of `GET /api/overview`. */
  meanBytes: number;
}

/** Polls the nodes in turn until `stop()`; `stop` resolves with the timings. */
export function pollOverview(urls: readonly string[], token: string, periodMs = 1000): { stop(): Promise<OverviewPolls> } {
  const overview: number[] = [];
  const halls: number[] = [];
  const bytes: number[] = [];
  let failed = 0;
  let running = true;
  const timed = async (url: string) => {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    const body = res ? await res.text().catch(() => "") : "";
    return { ok: res?.status === 200, ms: performance.now() - t, bytes: body.length };
  };
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const started = performance.now();
      const url = urls[i % urls.length] as string;
      const o = await timed(`${url}/api/overview`);
      const h = await timed(`${url}/api/halls`);
      if (o.ok) {
        overview.push(o.ms);
        bytes.push(o.bytes);
      } else failed++;
      if (h.ok) halls.push(h.ms);
      else failed++;
      await sleep(Math.max(0, periodMs - (performance.now() - started)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { overview: summarize(overview), halls: summarize(halls), failed, meanBytes: bytes.length ? bytes.reduce((a, b) => a + b, 0) / bytes.length : 0 };
    },
  };
}
