// vue-i18n set up Chinese first (zh-CN), English second. Each page keeps its strings in its own
// message module under messages/, merged here; the chosen language is remembered per browser.
import { createI18n } from "vue-i18n";
import { adminMessages } from "./messages/admin.js";
import { commonMessages } from "./messages/common.js";
import { overviewMessages } from "./messages/overview.js";
import { staffMessages } from "./messages/staff.js";
import { wallMessages } from "./messages/wall.js";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = "hallpulse.locale";

const zh = { common: commonMessages["zh-CN"], wall: wallMessages["zh-CN"], staff: staffMessages["zh-CN"], admin: adminMessages["zh-CN"], overview: overviewMessages["zh-CN"] };
const en = { common: commonMessages.en, wall: wallMessages.en, staff: staffMessages.en, admin: adminMessages.en, overview: overviewMessages.en };
export type MessageSchema = typeof zh;

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "zh-CN";
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": zh, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
