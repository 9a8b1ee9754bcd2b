// The import report's messages (English, from the server's parser) in the page's language. A message not
// recognized here is shown as it came — always as text.
import type { ItemField } from "../../../../../contract/index.js";

export interface KnownImportMessage {
  key: string;
  params: Record<string, string>;
  /** A field whose label the caller fills in as `label`. */
  field?: ItemField;
}

const PATTERNS: [RegExp, string, string[]][] = [
  [/^expected a whole number, got "(.*)"$/s, "wholeNumber", ["got"]],
  [/^expected yes or no \(是\/否\), got "(.*)"$/s, "yesNo", ["got"]],
  [/^expected a date like 2026-10-09, got "(.*)"$/s, "date", ["got"]],
  [/^not a real date: "(.*)"$/s, "realDate", ["got"]],
  [/^duplicate item code "(.*)" \(first (?:on line|at item) (\d+)\)$/s, "duplicate", ["code", "first"]],
  [/^expected (\d+) cells? as in the header, found (\d+)$/, "cells", ["expected", "found"]],
  [/^material (\d+): form must be original \(原件\) or copy \(复印件\), got "(.*)"$/s, "form", ["n", "got"]],
  [/^material (\d+): copies must be a whole number 1–99, got "(.*)"$/s, "copies", ["n", "got"]],
  [/^not valid JSON/, "notJson", []],
];

const EXACT: Record<string, string> = {
  required: "required",
  "expected 0, 1 or 2": "visits",
  "the file holds no items": "noItems",
  "unknown field": "unknownField",
};

export function knownImportMessage(message: string): KnownImportMessage | null {
  const exact = EXACT[message];
  if (exact) return { key: exact, params: {} };
  const missing = /^no column for the required field (\w+) \(/.exec(message);
  if (missing) return { key: "noColumn", params: {}, field: missing[1] as ItemField };
  for (const [re, key, names] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ""])) };
  }
  return null;
}
