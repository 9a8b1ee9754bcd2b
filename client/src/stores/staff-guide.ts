// The service guide (办事指南) of the ticket at the window: the hall's online item list
// (GET /api/halls/:hallId/items/online, read when the version named by the console's view changes —
// see staff-store.ts) looked up by the ticket's item code, and which requested materials the guide does
// not list — compared the way the server's consistency rule `extra-materials` compares them, so that
// what the console warns about is exactly what will be recorded as a finding.
import { normalizeMaterialName, type ServiceItem } from "../../../contract/items.js";
import type { ShownError } from "./staff-errors.js";

/** GET …/items/online answers this (404 when no online list has been imported). */
export interface OnlineItemList {
  version: number;
  items: ServiceItem[];
}

/** What the console knows of the hall's online list. */
export type GuideSource =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "loaded"; version: number; byCode: ReadonlyMap<string, ServiceItem> }
  /** The hall has no online list (the view names no version, or the server answered 404). */
  | { status: "none" }
  | { status: "error"; error: ShownError };

/** The guide of one ticket, or why there is none to show. */
export type Guide =
  | { kind: "noTicket" }
  | { kind: "noItemCode" }
  | { kind: "loading"; itemCode: string }
  | { kind: "noList"; itemCode: string }
  | { kind: "notListed"; itemCode: string; version: number }
  | { kind: "error"; itemCode: string; error: ShownError }
  | { kind: "found"; itemCode: string; version: number; item: ServiceItem };

export function loadedSource(list: OnlineItemList): GuideSource {
  const byCode = new Map<string, ServiceItem>();
  for (const item of list.items) if (!byCode.has(item.code)) byCode.set(item.code, item);
  return { status: "loaded", version: list.version, byCode };
}

/** The guide for a ticket with this item code (codes match exactly, as on the server). */
export function guideFor(source: GuideSource, itemCode: string | null | undefined, hasTicket = true): Guide {
  if (!hasTicket) return { kind: "noTicket" };
  if (!itemCode) return { kind: "noItemCode" };
  switch (source.status) {
    case "idle":
    case "loading":
      return { kind: "loading", itemCode };
    case "none":
      return { kind: "noList", itemCode };
    case "error":
      return { kind: "error", itemCode, error: source.error };
    case "loaded": {
      const item = source.byCode.get(itemCode);
      return item ? { kind: "found", itemCode, version: source.version, item } : { kind: "notListed", itemCode, version: source.version };
    }
  }
}

/** The same comparison the server makes (contract/items.ts). */
export const normalizeMaterial = normalizeMaterialName;

export const sameMaterial = (a: string, b: string): boolean => normalizeMaterial(a) === normalizeMaterial(b);

/** The requested materials that the item's guide does not list (in the order requested). */
export function unlistedMaterials(item: ServiceItem, requested: readonly string[]): string[] {
  const listed = new Set(item.materials.map((m) => normalizeMaterial(m.name)));
  return requested.filter((m) => !listed.has(normalizeMaterial(m)));
}
