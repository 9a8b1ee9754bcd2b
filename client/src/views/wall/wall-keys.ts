// Injection keys shared by the wall's components.
import type { InjectionKey, Ref } from "vue";

/** Device pixels per canvas pixel, for sharp charts on a scaled canvas. */
export const CHART_PIXEL_RATIO: InjectionKey<Ref<number>> = Symbol("wall-chart-pixel-ratio");
