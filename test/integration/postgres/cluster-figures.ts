// What the two-node tests compare every node with: the hall's events read from the PostgreSQL database
// alone, folded by the pure domain into the live figures over the same 60 minutes as a node's view; and a
// hall or a token written to the database behind the nodes' backs.
import pg from "pg";
import { startOfLocalDay, type HallConfig, type HallEvent, type LoadView } from "../../../contract/index.js";
import { hashToken } from "../../../server/app/token-service.js";
import { HallFacts } from "../../../server/domain/hall-facts.js";
import { computeLoadView } from "../../../server/domain/load-view.js";
import { stableFigures } from "../../helpers/stable-figures.js";

export async function eventsInDatabase(url: string, hallId: string): Promise<HallEvent[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ payload: string }>(`select payload from "Event" where "hallId" = $1 order by seq`, [hallId]);
    return r.rows.map((row) => JSON.parse(row.payload) as HallEvent);
  } finally {
    await client.end();
  }
}

/** Writes a hall row straight to the shared table, as another node would, without any cluster notice. */
export async function insertHall(url: string, hallId: string, config: HallConfig): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`insert into "Hall" (id, config, "createdAt", "updatedAt") values ($1, $2, now(), now())`, [hallId, JSON.stringify(config)]);
  } finally {
    await client.end();
  }
}

/** Writes a token row straight to the shared table, as another node would, without any cluster notice. */
export async function insertToken(url: string, t: { id: string; secret: string; role: string; hallId: string; revoked?: boolean }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`insert into "Token" (id, "tokenHash", role, "hallId", "createdAt", "revokedAt") values ($1, $2, $3, $4, now(), $5)`, [
      t.id,
      hashToken(t.secret),
      t.role,
      t.hallId,
      t.revoked ? new Date() : null,
    ]);
  } finally {
    await client.end();
  }
}

export async function figuresFromDatabase(url: string, hallId: string, hall: HallConfig, view: LoadView): Promise<ReturnType<typeof stableFigures>> {
  const facts = new HallFacts();
  for (const e of await eventsInDatabase(url, hallId)) facts.add(e);
  const to = Date.parse(view.to);
  return stableFigures(computeLoadView(facts, hall, { hallId, from: Date.parse(view.from), to, live: true, dayStart: startOfLocalDay(to, hall.timezone) }));
}

/** Polls `check` every 100 ms until it answers true. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
