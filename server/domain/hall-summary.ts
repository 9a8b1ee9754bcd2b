// The configured names and thresholds a display shows next to the figures.
import { isPublicHall, resolvedTargets, type HallConfig, type HallSummary } from "../../contract/index.js";

export function summarizeHall(hallId: string, hall: HallConfig): HallSummary {
  return {
    hallId,
    name: hall.name,
    timezone: hall.timezone,
    targets: resolvedTargets(hall),
    windows: hall.windows.map((w) => ({
      id: w.id,
      name: w.name,
      department: w.department,
      categories: [...w.categories],
      comprehensive: w.comprehensive ?? false,
    })),
    categories: hall.categories.map((c) => ({ id: c.id, name: c.name })),
    // Only when opted in: a display learns it with the snapshot (and again after a configuration change).
    ...(isPublicHall(hall) ? { public: true as const } : {}),
  };
}
