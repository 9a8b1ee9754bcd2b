// The wiring of a page whose figures come from the history rollups (历史分析, 月度通报): it opens them on the
// chosen hall once that hall's configuration is loaded (its time zone sets the default period), watches the
// rollups' computation meanwhile (the notice, polling), reloads when a computation ends, and stops watching
// when the page goes.
import { onBeforeUnmount, watch } from "vue";
import { useHistoryStatusStore } from "../stores/admin-history-status.js";
import { useHallConfigStore } from "../stores/admin-hall-config.js";
import { useAdminSession } from "../stores/admin-session.js";

export interface RollupFigures {
  /** Shows the figures of a hall, whose time zone is given. */
  open(hallId: string, timeZone: string): unknown;
  /** Fetches the figures shown again. */
  reload(): unknown;
}

export function useRollupFigures(figures: RollupFigures): void {
  const session = useAdminSession();
  const config = useHallConfigStore();
  const status = useHistoryStatusStore();
  watch(
    () => [session.hallId, config.hallId, config.saved] as const,
    ([id, configId, saved]) => {
      if (!id || configId !== id || !saved) return;
      void figures.open(id, saved.timezone);
      void status.start(id);
    },
    { immediate: true },
  );
  // The computation ended: the figures shown may have changed.
  watch(
    () => status.finished,
    () => void figures.reload(),
  );
  onBeforeUnmount(() => status.stop());
}
