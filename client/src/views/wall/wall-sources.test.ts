// Guards on the wall's sources: no v-html / innerHTML anywhere (names are untrusted text), every chart
// tooltip goes through SAFE_TOOLTIP, and both languages carry the same message keys.
import { describe, expect, it } from "vitest";
import { wallMessages } from "../../i18n/messages/wall.js";

const wallSources = import.meta.glob(["./*.vue", "./*.ts", "!./*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const chartSources = import.meta.glob(["../../charts/**/*.ts", "../../charts/*.vue", "!../../charts/**/*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

function keys(o: unknown, prefix = ""): string[] {
  if (typeof o !== "object" || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("wall sources", () => {
  it("never render data as HTML", () => {
    const all = { ...wallSources, ...chartSources };
    expect(Object.keys(all).length).toBeGreaterThan(15);
    for (const [file, text] of Object.entries(all)) {
      expect(text, file).not.toMatch(/v-html|innerHTML|outerHTML|insertAdjacentHTML|renderMode:\s*["']html/);
    }
  });

  it("build every tooltip from SAFE_TOOLTIP (rich text, not HTML)", () => {
    const builders = Object.entries(chartSources).filter(([file]) => file.endsWith("build-option.ts"));
    expect(builders.length).toBeGreaterThanOrEqual(5); // the wall's four and the admin consistency history
    for (const [file, text] of builders) expect(text, file).toMatch(/commonOption\(\)/);
    expect(chartSources["../../charts/palette.ts"]).toMatch(/\.\.\.SAFE_TOOLTIP/);
  });

  it("have the same message keys in Chinese and English, none empty", () => {
    expect(keys(wallMessages.en)).toEqual(keys(wallMessages["zh-CN"]));
    for (const locale of ["zh-CN", "en"] as const) {
      const flat = JSON.stringify(wallMessages[locale]);
      expect(flat).not.toContain('""');
    }
  });
});
