// Personal identifiers that must never be stored or shown: PRC resident ID numbers and mobile numbers.
// A number counts only when it stands as a word of its own: not preceded or followed by a letter or
// digit (so "电话13912345678" and "T-13912345678" are found; a digit run inside a hex hash is not).

export type PersonalDataKind = "mobile" | "id_card";

const EDGE_BEFORE = "(?<![A-Za-z0-9])";
const EDGE_AFTER = "(?![A-Za-z0-9])";
/** Mobile: optional +86/86 prefix, 1[3-9] and nine digits, optionally grouped 3-4-4 by space or dash. */
const MOBILE = `(?:\\+?86[-\\s]?)?1[3-9]\\d(?:\\d{8}|[-\\s]\\d{4}[-\\s]\\d{4})`;
/** Second-generation resident ID: region, birth date 18xx–20xx, sequence, check digit (checksum not required). */
const ID_CARD = "[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]";

const PATTERNS: { kind: PersonalDataKind; re: RegExp }[] = [
  { kind: "id_card", re: new RegExp(`${EDGE_BEFORE}${ID_CARD}${EDGE_AFTER}`, "g") },
  { kind: "mobile", re: new RegExp(`${EDGE_BEFORE}${MOBILE}${EDGE_AFTER}`, "g") },
];

export function personalDataIn(text: string): PersonalDataKind | null {
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    if (re.test(text)) return kind;
  }
  return null;
}

export function maskPersonalDataInText(text: string): string {
  let out = text;
  for (const { re } of PATTERNS) out = out.replace(re, (m) => "*".repeat(m.length));
  return out;
}

export interface PersonalDataHit {
  /** Path of the field, e.g. "comment" or "requestedMaterials.1"; a key itself is reported by its path. */
  field: string;
  kind: PersonalDataKind;
}

const MAX_DEPTH = 32;

/** The first personal identifier anywhere in a JSON-like value (keys, strings and numbers). */
export function findPersonalData(value: unknown, path: string[] = [], depth = 0): PersonalDataHit | null {
  if (depth > MAX_DEPTH) return null;
  const field = path.length === 0 ? "event" : path.join(".");
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") {
    const kind = personalDataIn(String(value));
    return kind ? { field, kind } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findPersonalData(value[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyKind = personalDataIn(k);
      if (keyKind) return { field: [...path, maskPersonalDataInText(k)].join("."), kind: keyKind };
      const hit = findPersonalData(v, [...path, k], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/** A copy of a JSON-like value with every identifier masked by asterisks, in keys and values alike. */
export function maskPersonalData(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return "[too deep]";
  if (typeof value === "string") return maskPersonalDataInText(value);
  if (typeof value === "number" || typeof value === "bigint") {
    const text = String(value);
    const masked = maskPersonalDataInText(text);
    return masked === text ? value : masked;
  }
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[maskPersonalDataInText(k)] = maskPersonalData(v, depth + 1);
    return out;
  }
  return value;
}
