// The wall's charts take the latest figures at most every 2 s (the tiles beside them follow every update):
// a change passes at once after a quiet spell, a burst of updates redraws each chart once more, with the
// latest figures, at the end of the interval.
import { mount } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { nextTick } from "vue";
import type { EChartsCoreOption } from "echarts/core";
import type { LoadView } from "../../../../contract/index.js";
import { i18n } from "../../i18n/index.js";
import BaseChart from "../../charts/BaseChart.vue";
import WallCharts from "./WallCharts.vue";
import { buildTiles } from "./wall-model.js";
import { categoryLoad, hallSummary, liveView, NOW } from "./wall-fixtures.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const hall = hallSummary();
const viewWith = (waiting: number): LoadView => liveView({ categories: [categoryLoad("social", { waitingNow: waiting }), categoryLoad("estate")] });
const props = (view: LoadView) => ({ hall, view, tiles: buildTiles(hall, view) });

/** The waiting-per-category chart's bar for "social" (the first category row). */
function socialBar(w: ReturnType<typeof mount>): unknown {
  const option = w.findAllComponents(BaseChart)[0]!.props("option") as EChartsCoreOption & { series: { data: unknown[] }[] };
  const bar = option.series[0]!.data[0];
  return typeof bar === "object" && bar !== null && "value" in bar ? (bar as { value: unknown }).value : bar;
}

describe("wall charts", () => {
  it("redraw at once after a quiet spell, and once — with the latest figures — after a burst", async () => {
    const w = mount(WallCharts, { props: props(viewWith(1)), global: { plugins: [i18n], stubs: { BaseChart: true } } });
    expect(socialBar(w)).toBe(1);
    vi.advanceTimersByTime(2000);
    await w.setProps(props(viewWith(2)));
    expect(socialBar(w)).toBe(2);
    // Four updates a second for 1.5 s: the chart keeps what it drew.
    for (let n = 3; n <= 8; n += 1) {
      vi.advanceTimersByTime(250);
      await w.setProps(props(viewWith(n)));
      expect(socialBar(w)).toBe(2);
    }
    // The end of the interval: the latest figures.
    vi.advanceTimersByTime(500);
    await nextTick();
    expect(socialBar(w)).toBe(8);
    w.unmount();
  });
});
