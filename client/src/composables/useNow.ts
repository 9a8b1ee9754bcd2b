// A reactive clock for "for how long" and "N s old" figures; one timer per component, stopped on unmount.
import { onScopeDispose, ref } from "vue";

export function useNow(intervalMs = 1000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
