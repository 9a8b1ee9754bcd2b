// A value that follows its source at most once per `intervalMs`: the first change at once, later ones
// together at the end of the interval (the latest wins, so nothing is left behind). For what is drawn
// with an animation — the wall's charts: a 600 ms transition restarted by every 250 ms update never
// settles, keeps the display's CPU busy and is harder to read than a chart that moves every 2 s.
import { onScopeDispose, shallowRef, watch, type ShallowRef } from "vue";

export function useThrottled<T>(source: () => T, intervalMs: number): Readonly<ShallowRef<T>> {
  const value = shallowRef(source());
  let lastSetAt = Date.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const set = () => {
    timer = null;
    lastSetAt = Date.now();
    value.value = source();
  };
  watch(source, () => {
    if (timer !== null) return;
    const wait = lastSetAt + intervalMs - Date.now();
    if (wait <= 0) set();
    else timer = setTimeout(set, wait);
  });
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer);
  });
  return value;
}
