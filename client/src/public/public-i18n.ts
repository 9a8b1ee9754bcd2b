// A tiny translator for the public page: two languages, strings from i18n/messages/public.ts, "{name}"
// placeholders. vue-i18n would cost the phone ~20 KB gzip for a page of forty strings; the chosen
// language is the same browser setting as the other pages' (hallpulse.locale).
import { ref } from "vue";
import { publicMessages, type PublicMessageKey } from "../i18n/messages/public.js";

export type PublicLocale = "zh-CN" | "en";
const STORAGE_KEY = "hallpulse.locale";

// Both languages must have every key (a missing English string is a compile error here).
const MESSAGES: Record<PublicLocale, Record<PublicMessageKey, string>> = publicMessages;

function initialLocale(): PublicLocale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

export const locale = ref<PublicLocale>(initialLocale());

export function t(key: PublicMessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[locale.value][key].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));
}

export function setLocale(next: PublicLocale): void {
  locale.value = next;
  document.documentElement.lang = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
