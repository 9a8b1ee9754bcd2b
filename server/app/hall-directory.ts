// The configured halls, cached in memory for ingest validation and live views; writes go through the
// repository first, then the cache, then listeners (the live state re-publishes a snapshot). In a cluster
// (issue #11) a hall made on another node arrives through a notice a moment later; a request that comes
// first reads it from the shared database (`getFresh`).
import { ID_PATTERN, type HallConfig } from "../../contract/index.js";
import { CappedLookups } from "./capped-lookups.js";
import type { HallRepository } from "./ports.js";

/** Made on this node, or read back after another node of a cluster made it. */
export type ChangeOrigin = "local" | "remote";

/** Database reads of unknown halls at once, at most: more unknown halls than that are answered as unknown. */
export const MAX_HALL_LOOKUPS = 4;

export class HallDirectory {
  private readonly halls = new Map<string, HallConfig>();
  private readonly listeners: ((hallId: string, config: HallConfig, origin: ChangeOrigin) => void)[] = [];
  private readonly lookups = new CappedLookups<HallConfig>(MAX_HALL_LOOKUPS);

  /**
   * `lookupOnMiss`: read a hall unknown here from the database before answering it is unknown — only where
   * other processes write halls to the same database (a cluster); a single node's cache is the whole truth.
   */
  constructor(
    private readonly repo: HallRepository,
    private readonly options: { lookupOnMiss?: boolean } = {},
  ) {}

  async load(): Promise<void> {
    this.halls.clear();
    for (const { hallId, config } of await this.repo.list()) this.halls.set(hallId, config);
  }

  get(hallId: string): HallConfig | null {
    return this.halls.get(hallId) ?? null;
  }

  /**
   * `get`, and with `lookupOnMiss` a hall unknown here is read from the database (as a notice would have it
   * read, listeners hearing a remote change): a wall or device of a hall just made on another node is not
   * refused as "not found". One read per hall at a time and MAX_HALL_LOOKUPS in all.
   */
  async getFresh(hallId: string): Promise<HallConfig | null> {
    const known = this.get(hallId);
    // An id no hall can have is never looked up (PostgreSQL refuses a NUL in text; the routes answer 400).
    if (known || !this.options.lookupOnMiss || !ID_PATTERN.test(hallId)) return known;
    return this.lookups.run(hallId, async () => {
      await this.reload(hallId);
      return this.get(hallId);
    });
  }

  ids(): string[] {
    return [...this.halls.keys()];
  }

  async put(hallId: string, config: HallConfig): Promise<{ created: boolean }> {
    const result = await this.repo.put(hallId, config);
    this.halls.set(hallId, config);
    for (const l of this.listeners) l(hallId, config, "local");
    return result;
  }

  /** Re-reads one hall (another node of a cluster changed it); listeners hear it as a remote change. */
  async reload(hallId: string): Promise<void> {
    const config = await this.repo.get(hallId);
    if (!config) return;
    const before = this.halls.get(hallId);
    this.halls.set(hallId, config);
    if (before === undefined || JSON.stringify(before) !== JSON.stringify(config)) for (const l of this.listeners) l(hallId, config, "remote");
  }

  /** The halls in the database (a cluster resync), not only those held here. */
  async storedIds(): Promise<string[]> {
    return (await this.repo.list()).map((h) => h.hallId);
  }

  onChange(listener: (hallId: string, config: HallConfig, origin: ChangeOrigin) => void): void {
    this.listeners.push(listener);
  }
}
