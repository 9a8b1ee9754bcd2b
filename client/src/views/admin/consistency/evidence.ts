// A finding's evidence as labelled lines of text: ticket lists, field names, dates, nested guide values;
// list versions become links to the diff viewer (or to the version, when it is the first). Pure.
import type { ItemSource } from "../../../../../contract/index.js";

export interface EvidenceLine {
  key: string;
  /** Nested keys as a path ("hall.promisedDays"). */
  path: string[];
  text: string;
  /** For version evidence: the list and version to link to. */
  version?: { source: ItemSource; version: number };
}

export interface EvidenceText {
  none: string;
  percent: (share: number) => string;
  field: (name: string) => string;
  source: (s: string) => string;
  /** A number of working days (time limits) and of visits, in words. */
  days: (n: number) => string;
  visits: (n: number) => string;
}

const VERSION_KEYS: Record<string, ItemSource | null> = { onlineVersion: "online", hallVersion: "hall", version: null };

function text(key: string, v: unknown, x: EvidenceText): string {
  if (v === null || v === undefined || v === "") return x.none;
  if (key === "share" && typeof v === "number") return x.percent(v);
  if (key === "fields" && Array.isArray(v)) return v.map((f) => x.field(String(f))).join("、");
  if (key === "source" && typeof v === "string") return x.source(v);
  if (key === "promisedDays" && typeof v === "number") return x.days(v);
  if ((key === "maxVisits" || key === "limit") && typeof v === "number") return x.visits(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return x.none;
    return v
      .map((e) => {
        if (e !== null && typeof e === "object") {
          const o = e as Record<string, unknown>;
          const main = o.ticketNo ?? o.name ?? o.row ?? Object.values(o)[0];
          const date = o.date ?? o.ts;
          return date ? `${String(main)}（${String(date)}）` : String(main);
        }
        return String(e);
      })
      .join("、");
  }
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export function evidenceLines(evidence: Record<string, unknown>, x: EvidenceText, path: string[] = []): EvidenceLine[] {
  const out: EvidenceLine[] = [];
  const source = typeof evidence.source === "string" && (evidence.source === "online" || evidence.source === "hall") ? evidence.source : null;
  for (const [key, v] of Object.entries(evidence)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      out.push(...evidenceLines(v as Record<string, unknown>, x, [...path, key]));
      continue;
    }
    const line: EvidenceLine = { key, path: [...path, key], text: key === "publishedAt" && v === null ? "" : text(key, v, x) };
    if (key in VERSION_KEYS && typeof v === "number") {
      const s = VERSION_KEYS[key] ?? source;
      if (s) line.version = { source: s, version: v };
    }
    out.push(line);
  }
  return out;
}
