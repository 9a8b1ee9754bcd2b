// Turns the contract's validation messages (English, from zod on the client or a server 400) into the
// page's language. Unknown messages are shown as they are — always as text.
import { useI18n } from "vue-i18n";
import type { ApiError } from "../api/http.js";

interface Known {
  key: string;
  params?: Record<string, string>;
}

const EXACT: Record<string, string> = {
  "expected a string": "notText",
  "must be 1–64 characters of A-Z a-z 0-9 . _ : -": "idPattern",
  "must not be empty": "empty",
  "must not contain control characters": "control",
  "expected an array of item codes": "list",
  "expected an array of category ids": "list",
  "expected an array": "list",
  "expected true or false": "boolean",
  "expected a number between 0 and 1": "ratio",
  "expected a number of minutes": "minutes",
  "must be greater than 0": "positive",
  "unknown IANA time zone": "timezone",
  "expected an IANA time zone": "timezone",
  "must be below hotUtilization": "coldBelowHot",
  "unknown field": "unknownField",
  required: "required",
  "required for this role": "required",
  "invalid ISO-8601 timestamp": "timestamp",
  "more than 5 minutes in the future": "future",
  "unknown event type": "eventType",
  "expected an object": "object",
  "expected a number": "number",
  "expected an integer": "integer",
  "looks like a mobile phone number; personal data is not accepted": "mobile",
  "looks like a resident ID number; personal data is not accepted": "idCard",
  "required for a staff token": "staffWindow",
  "only a staff token is bound to a window": "windowOnlyStaff",
};

const PATTERNS: [RegExp, string, string?][] = [
  [/^must be at most (\d+) characters$/, "maxChars", "max"],
  [/^Too big: expected number to be <=?\s*(\d+)/, "maxNumber", "max"],
  [/^Too big: expected array to have <=?\s*(\d+)/, "maxItems", "max"],
  [/^duplicate category id "(.*)"$/, "duplicateCategory", "id"],
  [/^duplicate window id "(.*)"$/, "duplicateWindow", "id"],
  [/^unknown category "(.*)"$/, "unknownCategory", "id"],
  [/^unknown window "(.*)"$/, "unknownWindow", "id"],
  [/^unknown hall "(.*)"$/, "unknownHall", "id"],
  [/^hall "(.*)" already exists$/, "hallExists", "id"],
  [/^does not match the hall "(.*)"$/, "otherHall", "id"],
];

export function knownMessage(message: string): Known | null {
  const exact = EXACT[message];
  if (exact) return { key: exact };
  for (const [re, key, param] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key, ...(param ? { params: { [param]: m[1] ?? "" } } : {}) };
  }
  return null;
}

/** `validation(message)`: the localized text of a contract message; `apiError(e)`: the text of a failed call. */
export function useAdminText() {
  const { t, te } = useI18n();
  function validation(message: string): string {
    const known = knownMessage(message);
    return known ? t(`admin.validation.${known.key}`, known.params ?? {}) : message;
  }
  function apiError(e: Pick<ApiError, "code"> | null | undefined): string {
    return e ? t(`common.errors.${e.code}`) : "";
  }
  return { t, te, validation, apiError };
}
