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

const isDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);

/**
 * Whether `text` can hold any of the patterns at all: one pass over its char codes, so that the folding
 * and the regexes run only on the rare text that can match (they were most of the scan's cost on
 * ingest, where every event's ids, timestamp and fields are scanned). Digits are ASCII and full-width
 * ones — exactly the characters that are digits after `fold`, which keeps every character in its place.
 * Every pattern needs either a run of at least 11 digits (an ungrouped mobile number: 11; ID numbers: 15
 * and 17) or a mobile's 3-4-4 grouping: a run of at least 3 digits, one separator, 4 digits, one
 * separator, 4 digits. Any single character counts as a separator here: an over-approximation, so a
 * `false` is certain and a `true` only means "ask the regexes".
 */
export function mayHoldPersonalData(text: string): boolean {
  const n = text.length;
  if (n < 11) return false; // the shortest match is 11 characters
  let run = 0; // length of the current digit run
  let lastLen = 0; // the previous run's length …
  let lastEnd = -2; // … and the index just after it
  let lastMiddle = false; // the previous run can be the middle group of a 3-4-4 number
  for (let i = 0; i <= n; i++) {
    if (i < n && isDigit(text.charCodeAt(i))) {
      run++;
      continue;
    }
    if (run === 0) continue;
    if (run >= 11) return true;
    const linked = i - run === lastEnd + 1; // one character between the previous run and this one
    if (linked && lastMiddle && run >= 4) return true;
    lastMiddle = linked && lastLen >= 3 && run >= 4;
    lastLen = run;
    lastEnd = i;
    run = 0;
  }
  return false;
}

export function personalDataIn(text: string): PersonalDataKind | null {
  return mayHoldPersonalData(text) ? personalDataByPattern(text) : null;
}

/** The patterns themselves, without the cheap pre-check (what `personalDataIn` answers when it cannot rule a text out). */
export function personalDataByPattern(text: string): PersonalDataKind | null {
  const folded = fold(text);
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    if (re.test(folded)) return kind;
  }
  return null;
}

export function maskPersonalDataInText(text: string): string {
  if (!mayHoldPersonalData(text)) return text;
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

/**
 * The first personal identifier anywhere in a JSON-like value (keys, strings and numbers). Walks the value
 * once with one shared path; a field's name is built only for a hit.
 */
export function findPersonalData(value: unknown, path: string[] = [], depth = 0): PersonalDataHit | null {
  return scan(value, [...path], depth);
}

/** An empty key is named "" so that a field is never the empty string. */
const fieldOf = (path: readonly string[]): string => (path.length === 0 ? "event" : path.map((k) => (k === "" ? '""' : k)).join("."));

/** `findPersonalData` over a path that it extends and restores (pushed before, popped after each child). */
function scan(value: unknown, path: string[], depth: number): PersonalDataHit | null {
  if (depth > MAX_DEPTH) return null;
  if (typeof value === "string") {
    const kind = personalDataIn(value);
    return kind ? { field: fieldOf(path), kind } : null;
  }
  if (typeof value === "number") {
    // an integer of at most 10 digits is printed as at most 10 digits (and a sign): nothing to match
    if (Number.isInteger(value) && value < 1e10 && value > -1e10) return null;
    const kind = personalDataIn(String(value));
    return kind ? { field: fieldOf(path), kind } : null;
  }
  if (typeof value === "bigint") {
    const kind = personalDataIn(String(value));
    return kind ? { field: fieldOf(path), kind } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      const hit = scan(value[i], path, depth + 1);
      path.pop();
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const keyKind = personalDataIn(k);
      if (keyKind) return { field: fieldOf([...path, maskPersonalDataInText(k)]), kind: keyKind };
      path.push(k);
      const hit = scan(record[k], path, depth + 1);
      path.pop();
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
