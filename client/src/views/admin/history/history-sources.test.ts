// Guards on the allocation review pages' sources: no data rendered as HTML anywhere (names are untrusted
// text), every chart tooltip built from the shared options (SAFE_TOOLTIP, rich text), and the same message
// keys in Chinese and English, none empty.
import { describe, expect, it } from "vitest";
import { adminHistoryMessages } from "../../../i18n/messages/admin-history.js";

const sources = import.meta.glob(["./*.vue", "./*.ts", "../report/*.vue", "../report/*.ts", "!./*.test.ts", "!../report/*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const charts = import.meta.glob(["../../../charts/history-*/*.ts", "!../../../charts/history-*/*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

function keys(o: unknown, prefix = ""): string[] {
  if (typeof o !== "object" || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("allocation review sources", () => {
  it("never render data as HTML", () => {
    const all = { ...sources, ...charts };
    expect(Object.keys(all).length).toBeGreaterThan(15);
    for (const [file, text] of Object.entries(all)) expect(text, file).not.toMatch(/v-html|innerHTML|outerHTML|insertAdjacentHTML|renderMode:\s*["']html/);
  });

  it("build every chart from commonOption() (SAFE_TOOLTIP)", () => {
    const builders = Object.entries(charts).filter(([file]) => file.endsWith("build-option.ts"));
    expect(builders).toHaveLength(4);
    for (const [file, text] of builders) expect(text, file).toMatch(/adminCommon\(commonOption\(\)/);
  });

  it("have the same message keys in Chinese and English, none empty", () => {
    expect(keys(adminHistoryMessages.en)).toEqual(keys(adminHistoryMessages["zh-CN"]));
    for (const locale of ["zh-CN", "en"] as const) expect(JSON.stringify(adminHistoryMessages[locale])).not.toContain('""');
    expect(adminHistoryMessages["zh-CN"].nav).toBe("历史分析");
    expect(adminHistoryMessages["zh-CN"].navReport).toBe("月度通报");
  });
});
