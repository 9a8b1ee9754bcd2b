// The keyboard shortcut of each console command: one letter, shown on its button. A shortcut never fires
// while the person types in a field or holds Ctrl/Alt/Meta.
import { COMMANDS, type Command } from "../../stores/staff-context.js";

export const SHORTCUTS: Record<Command, string> = {
  callNext: "N",
  recall: "R",
  start: "S",
  complete: "C",
  noShow: "X",
  transfer: "T",
  evaluate: "E",
  open: "O",
  pause: "P",
  resume: "U",
  close: "Q",
};

const BY_KEY = new Map<string, Command>(COMMANDS.map((c) => [SHORTCUTS[c].toLowerCase(), c]));

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  target?: EventTarget | null;
}

/** True when the key press belongs to a text field (or a select), not to the console's shortcuts. */
export function isTyping(target: EventTarget | null | undefined): boolean {
  const el = target as (HTMLElement & { type?: string }) | null | undefined;
  if (!el || typeof el.tagName !== "string") return false;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select" || el.isContentEditable) return true;
  if (tag !== "input") return false;
  return !["radio", "checkbox", "button", "submit", "reset"].includes((el.type ?? "text").toLowerCase());
}

export function commandForKey(e: KeyLike): Command | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || isTyping(e.target)) return null;
  return BY_KEY.get(e.key.toLowerCase()) ?? null;
}
