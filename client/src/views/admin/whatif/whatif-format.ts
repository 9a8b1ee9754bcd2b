// Figures and messages of the what-if page: waits in minutes with one decimal, differences signed and
// judged (lower is better), utilization in percent, and the replay's validation messages in the page's
// language (unknown ones as they are — always as text).
import { useAdminText } from "../../../composables/admin-messages.js";

/** Seconds → minutes with one decimal; null stays null. */
export const minutesOf = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);
export const minutesText = (m: number | null) => (m === null ? "—" : m.toFixed(1));

export type DiffTone = "lower" | "higher" | "same" | "none";

/** predicted − actual, on the shown (rounded) values. */
export function diffOf(actual: number | null, predicted: number | null): { value: number | null; tone: DiffTone } {
  if (actual === null || predicted === null) return { value: null, tone: "none" };
  const d = Math.round((predicted - actual) * 10) / 10;
  return { value: d, tone: d < 0 ? "lower" : d > 0 ? "higher" : "same" };
}

/** "−8.4", "+2.1", "0.0", "—" (a real minus sign). */
export function signedText(d: number | null, digits = 1): string {
  if (d === null) return "—";
  const abs = Math.abs(d).toFixed(digits);
  return d < 0 ? `−${abs}` : d > 0 ? `+${abs}` : abs;
}

export const pctText = (ratio: number) => `${Math.round(ratio * 100)}%`;

const MESSAGES: [RegExp, string][] = [
  [/^must end after it starts$/, "endBeforeStart"],
  [/^expected HH:MM/, "time"],
  [/^must be a day that has begun$/, "dateNotBegun"],
  [/^expected a real date/, "date"],
];

export function whatIfMessageKey(message: string): string | null {
  return MESSAGES.find(([re]) => re.test(message))?.[1] ?? null;
}

export function useWhatIfText() {
  const { t, validation, apiError } = useAdminText();
  /** A server message of the replay in the page's language. */
  const message = (m: string) => {
    const key = whatIfMessageKey(m);
    return key ? t(`admin.allocation.whatif.errors.${key}`) : validation(m);
  };
  return { t, message, apiError };
}
