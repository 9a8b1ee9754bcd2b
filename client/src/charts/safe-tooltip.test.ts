import { describe, expect, it } from "vitest";
import { parseRichText } from "zrender/lib/graphic/helper/parseText.js";
import { plainTooltipFormatter, richLiteral, withSafeTooltip } from "./safe-tooltip.js";

/** The text zrender draws for a rich-text string (every token of every line), without the invisible joiners. */
function drawn(text: string): string {
  const block = parseRichText(text, { rich: { m: {} } }, 0, 0, "left");
  return block.lines.map((l) => l.tokens.map((t) => t.text).join("")).join("\n").replace(/\u2060/g, "");
}

const HOSTILE = ["{a|x}{b|y}", "x}{a|y}", "{@name} {b} {c0}", '"><svg onload=alert(2)>', "{{7*7}}"];

describe("safe tooltip", () => {
  it("keeps untrusted text literal through zrender's rich-text parser", () => {
    for (const s of HOSTILE) expect(drawn(richLiteral(s))).toBe(s);
    // What ECharts' own formatter does with such a name: wraps it in a token and loses text.
    expect(drawn("{m|{a|x}{b|y}}")).not.toBe("{a|x}{b|y}");
  });

  it("formats axis tooltips (header, a line per series) with the chart's valueFormatter", () => {
    const f = plainTooltipFormatter((v) => `${String(v)}%`);
    const out = f([
      { marker: "{m|}", seriesName: "利用率", axisValueLabel: "{a|x}{b|y}", value: 42, dataIndex: 0 },
      { marker: "{m|}", seriesName: "x}{a|y}", axisValueLabel: "{a|x}{b|y}", value: 7, dataIndex: 0 },
    ]);
    expect(drawn(out)).toBe("{a|x}{b|y}\n利用率  42%\nx}{a|y}  7%");
  });

  it("formats item tooltips and shows missing values as -", () => {
    const f = plainTooltipFormatter();
    expect(drawn(f({ marker: "", seriesName: "s", name: "{b}", value: null }))).toBe("s\n{b}  -");
  });

  it("replaces the valueFormatter by the safe formatter, and leaves a chart's own formatter alone", () => {
    const own = () => "own";
    expect((withSafeTooltip({ tooltip: { formatter: own } }).tooltip as { formatter: unknown }).formatter).toBe(own);
    const safe = withSafeTooltip({ tooltip: { renderMode: "richText", valueFormatter: (v: unknown) => `${String(v)} min` } }).tooltip as Record<string, unknown>;
    expect(safe.renderMode).toBe("richText");
    expect(safe.valueFormatter).toBeUndefined();
    expect(typeof safe.formatter).toBe("function");
    expect(withSafeTooltip({ series: [] })).toEqual({ series: [] });
  });
});
