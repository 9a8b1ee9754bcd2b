// The configured halls, cached in memory for ingest validation and live views; writes go through the
// repository first, then the cache, then listeners (the live state re-publishes a snapshot).
import type { HallConfig } from "../../contract/index.js";
import type { HallRepository } from "./ports.js";

/** Made on this node, or read back after another node of a cluster made it. */
export type ChangeOrigin = "local" | "remote";

export class HallDirectory {
  private readonly halls = new Map<string, HallConfig>();
  private readonly listeners: ((hallId: string, config: HallConfig, origin: ChangeOrigin) => void)[] = [];

  constructor(private readonly repo: HallRepository) {}

  async load(): Promise<void> {
    this.halls.clear();
    for (const { hallId, config } of await this.repo.list()) this.halls.set(hallId, config);
  }

  get(hallId: string): HallConfig | null {
    return this.halls.get(hallId) ?? null;
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
