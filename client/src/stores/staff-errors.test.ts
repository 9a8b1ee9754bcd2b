// Every refusal becomes readable text in both languages: the error code's text plus the server's field
// and message; and both locales of the staff page hold the same keys.
import { describe, expect, it } from "vitest";
import { createI18n } from "vue-i18n";
import { ERROR_CODES } from "../../../contract/index.js";
import { commonMessages } from "../i18n/messages/common.js";
import { staffMessages } from "../i18n/messages/staff.js";
import { formatError } from "./staff-errors.js";

function translator(locale: "zh-CN" | "en") {
  const i18n = createI18n({
    legacy: false,
    locale,
    messages: { "zh-CN": { common: commonMessages["zh-CN"], staff: staffMessages["zh-CN"] }, en: { common: commonMessages.en, staff: staffMessages.en } },
  });
  const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});
  const has = (key: string) => i18n.global.te(key);
  return { t, has };
}

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("error code → message", () => {
  const zh = translator("zh-CN");
  const en = translator("en");

  it("shows the code's text, the field (with its name) and the server's message once", () => {
    const error = { code: "bad_request" as const, field: "rating", message: "rating: expected an integer 1–5" };
    expect(formatError(zh.t, zh.has, error)).toBe("请求有误（字段 rating 评分）：expected an integer 1–5");
    expect(formatError(en.t, en.has, error)).toBe("Invalid request (field rating): expected an integer 1–5");
  });

  it("names another window's refusal and a missing ticket", () => {
    expect(formatError(zh.t, zh.has, { code: "forbidden", field: "windowId", message: "windowId: a staff token acts only on its own window" })).toBe(
      "无权执行此操作（字段 windowId 窗口）：a staff token acts only on its own window",
    );
    expect(formatError(zh.t, zh.has, { code: "not_found", message: "no ticket is waiting for this window's categories" })).toBe("未找到：no ticket is waiting for this window's categories");
  });

  it("has a text for every contract error code (and the network) in both languages", () => {
    for (const code of [...ERROR_CODES, "network" as const]) {
      for (const { t, has } of [zh, en]) {
        const text = formatError(t, has, { code });
        expect(text).not.toBe(code);
        expect(text).not.toContain("common.errors");
      }
    }
    expect(formatError(en.t, en.has, { code: "storage_unavailable" })).toBe("Storage unavailable; retry shortly");
  });

  it("keeps an unknown field as it is", () => {
    expect(formatError(en.t, en.has, { code: "bad_request", field: "requestedMaterials.1", message: "requestedMaterials.1: must not be empty" })).toBe(
      "Invalid request (field requestedMaterials.1): must not be empty",
    );
  });

  it("both locales of the staff page have the same keys", () => {
    expect(keys(staffMessages.en).sort()).toEqual(keys(staffMessages["zh-CN"]).sort());
  });
});
