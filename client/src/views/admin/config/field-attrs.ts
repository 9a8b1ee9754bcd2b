// The attributes that tie an input to its problem: aria-invalid, aria-describedby and a data-field key
// (the form key of admin-config-form, e.g. "windows.2.categories") that tests and focus moves use.
import { useHallConfigStore } from "../../../stores/admin-hall-config.js";

export const errorId = (key: string) => `adm-err-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;

export function useFieldAttrs() {
  const store = useHallConfigStore();
  return (key: string) => {
    const invalid = store.issueFor(key) !== null;
    return {
      "data-field": key,
      "aria-invalid": invalid ? ("true" as const) : ("false" as const),
      ...(invalid ? { "aria-describedby": errorId(key) } : {}),
    };
  };
}

/** Moves the focus to the input of a form key (after a failed save). */
export function focusField(key: string): void {
  const el = globalThis.document?.querySelector<HTMLElement>(`[data-field="${key}"]`);
  el?.focus();
  el?.scrollIntoView?.({ block: "center" });
}
