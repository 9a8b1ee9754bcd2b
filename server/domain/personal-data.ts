// Personal identifiers that must never be stored or shown: PRC resident ID numbers (18 characters, and
// the first-generation 15-digit ones) and mobile numbers. A number counts only when it stands as a word of
// its own: not preceded or followed by a letter or digit (so "电话13912345678" and "T-13912345678" are
// found; a digit run inside a hex hash is not). Full-width digits (１３９…, as Chinese input methods type
// them) and the other dashes count like their ASCII forms.

export type PersonalDataKind = "mobile" | "id_card";

/** Not after a letter or digit, nor after "<digit>." — the fraction digits of a decimal (0.738308090228476) are no number of their own. */
const EDGE_BEFORE = "(?<![A-Za-z0-9])(?<!\\d\\.)";
const EDGE_AFTER = "(?![A-Za-z0-9])";
/** Mobile: optional +86/86 prefix, 1[3-9] and nine digits, optionally grouped 3-4-4 by space or dash. */
const MOBILE = `(?:\\+?86[-\\s]?)?1[3-9]\\d(?:\\d{8}|[-\\s]\\d{4}[-\\s]\\d{4})`;
/** Second-generation resident ID: region, birth date 18xx–20xx, sequence, check digit (checksum not required). */
const ID_CARD = "[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]";
/** First-generation resident ID (until 2013): region, YYMMDD birth date, sequence — 15 digits. */
const ID_CARD_15 = "[1-9]\\d{5}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}";

const PATTERNS: { kind: PersonalDataKind; re: RegExp }[] = [
  { kind: "id_card", re: new RegExp(`${EDGE_BEFORE}${ID_CARD}${EDGE_AFTER}`, "g") },
  { kind: "id_card", re: new RegExp(`${EDGE_BEFORE}${ID_CARD_15}${EDGE_AFTER}`, "g") },
  { kind: "mobile", re: new RegExp(`${EDGE_BEFORE}${MOBILE}${EDGE_AFTER}`, "g") },
];

/**
 * Full-width digits, X, plus and minus, and the other dashes, as their ASCII forms: one UTF-16 unit for
 * one, so that a match in the folded text is at the same place in the original.
 */
function fold(text: string): string {
  return text.replace(/[\uff10-\uff19\uff38\uff58\uff0b\uff0d\u2010-\u2015\u2212]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff01) return String.fromCharCode(code - 0xfee0);
    return "-";
  });
}

export function personalDataIn(text: string): PersonalDataKind | null {
  const folded = fold(text);
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    if (re.test(folded)) return kind;
  }
  return null;
}

export function maskPersonalDataInText(text: string): string {
  let out = text;
  for (const { re } of PATTERNS) {
    const folded = fold(out);
    re.lastIndex = 0; // matchAll starts where the last test() of this shared regex stopped
    let masked = "";
    let last = 0;
    for (const m of folded.matchAll(re)) {
      masked += out.slice(last, m.index) + "*".repeat(m[0].length);
      last = m.index + m[0].length;
    }
    out = masked + out.slice(last);
  }
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
  // an empty key is named "" so that a field is never the empty string
  const field = path.length === 0 ? "event" : path.map((k) => (k === "" ? '""' : k)).join(".");
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
      if (keyKind) return { field: [...path, maskPersonalDataInText(k)].map((p) => (p === "" ? '""' : p)).join("."), kind: keyKind };
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
