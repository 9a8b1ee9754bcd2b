// The hall table in memory, as HallRepository (server/app/ports.ts) — for tests of app services that read
// and write halls (cluster notices, load retries), beside MemoryTokens.
import type { HallConfig } from "../../contract/index.js";
import type { HallRepository } from "../../server/app/ports.js";

export function memoryHalls(halls = new Map<string, HallConfig>()): HallRepository {
  return {
    get: async (id) => halls.get(id) ?? null,
    put: async (id, config) => {
      const created = !halls.has(id);
      halls.set(id, config);
      return { created };
    },
    list: async () => [...halls].map(([hallId, config]) => ({ hallId, config })),
  };
}
