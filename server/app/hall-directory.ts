// The configured halls, cached in memory for ingest validation and live views; writes go through the
// repository first, then the cache, then listeners (the live state re-publishes a snapshot).
import type { HallConfig } from "../../contract/index.js";
import type { HallRepository } from "./ports.js";

export class HallDirectory {
  private readonly halls = new Map<string, HallConfig>();
  private readonly listeners: ((hallId: string, config: HallConfig) => void)[] = [];

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
    for (const l of this.listeners) l(hallId, config);
    return result;
  }

  onChange(listener: (hallId: string, config: HallConfig) => void): void {
    this.listeners.push(listener);
  }
}
