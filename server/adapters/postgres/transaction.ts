// One transaction on a connection of the pool: `begin` (the statement that opens it, which may take a
// lock in the same round trip), the work, commit — or rollback when anything throws, the error passed on —
// and the connection given back either way.
import type pg from "pg";

export async function inTransaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
