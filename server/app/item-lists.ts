// Item-list use cases: import a file as a new immutable version (or nothing, when it has errors and the
// administrator did not choose a partial import), read versions and their differences. Every import
// re-runs the consistency checks.
import type { ImportError, ItemDiff, ItemField, ItemListVersion, ItemSource, ServiceItem } from "../../contract/index.js";
import { diffItemLists } from "../domain/items/item-diff.js";
type ItemListFormat = ItemListVersion["format"];

export interface ParsedList {
  items: ServiceItem[];
  errors: ImportError[];
  headers?: string[];
  unmapped?: string[];
  missing?: ItemField[];
  columns?: Partial<Record<ItemField, string>>;
  encoding?: string;
}

export interface ItemListPorts {
  parse(input: { bytes: Uint8Array; format: ItemListFormat; encoding?: string; mapping?: Partial<Record<ItemField, string>> }): Promise<ParsedList>;
  repo: {
    createVersion(hallId: string, source: ItemSource, format: ItemListFormat, items: readonly ServiceItem[], skippedRows: number): Promise<number>;
    list(hallId: string, source: ItemSource, version?: number): Promise<{ version: number; items: ServiceItem[] } | null>;
    versions(hallId: string, source: ItemSource): Promise<ItemListVersion[]>;
  };
  /** Re-runs the consistency checks; the import answers after they ran, so its findings are current. */
  onImported(hallId: string): Promise<void>;
}

export interface ImportOutcome extends Omit<ParsedList, "items"> {
  version: number | null;
  imported: number;
  /** Rows with errors left out by a partial import (or that stopped the import). */
  rejectedRows: number;
  /** Valid items in the file: what an import (partial, when there are errors) would store. */
  importable: number;
  dryRun: boolean;
}

export class ItemLists {
  constructor(private readonly ports: ItemListPorts) {}

  async import(
    hallId: string,
    source: ItemSource,
    file: { bytes: Uint8Array; format: ItemListFormat; encoding?: string; mapping?: Partial<Record<ItemField, string>> },
    opts: { partial: boolean; dryRun: boolean },
  ): Promise<ImportOutcome> {
    const parsed = await this.ports.parse(file);
    const rejectedRows = new Set(parsed.errors.map((e) => e.row)).size;
    const { items, ...rest } = parsed;
    const fileLevel = parsed.errors.some((e) => e.row === 0) || (parsed.missing?.length ?? 0) > 0;
    const blocked = items.length === 0 || fileLevel || (parsed.errors.length > 0 && !opts.partial);
    const importable = fileLevel ? 0 : items.length;
    if (opts.dryRun || blocked) return { ...rest, version: null, imported: 0, rejectedRows, importable, dryRun: opts.dryRun };
    const version = await this.ports.repo.createVersion(hallId, source, file.format, items, rejectedRows);
    await this.ports.onImported(hallId);
    return { ...rest, version, imported: items.length, rejectedRows, importable, dryRun: false };
  }

  current(hallId: string, source: ItemSource, version?: number) {
    return this.ports.repo.list(hallId, source, version);
  }

  versions(hallId: string, source: ItemSource) {
    return this.ports.repo.versions(hallId, source);
  }

  async diff(hallId: string, source: ItemSource, from: number, to: number): Promise<ItemDiff | null> {
    const [a, b] = await Promise.all([this.ports.repo.list(hallId, source, from), this.ports.repo.list(hallId, source, to)]);
    if (!a || !b || a.version !== from || b.version !== to) return null;
    return diffItemLists(a, b);
  }
}
