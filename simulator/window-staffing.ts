// Which configured windows are staffed on a given day, by whom, and when their staff take breaks.
import type { HallConfig } from "../contract/index.js";
import type { DayKind, DaySchedule } from "./day-profile.js";
import type { Win } from "./day-sim.js";
import type { Rng } from "./random.js";
import { MIN } from "./service-hours.js";
import type { HallSimParams } from "./sim-params.js";

type WindowConfig = HallConfig["windows"][number];

/** Which configured windows are staffed today, with their staff and their breaks. */
export function chooseWindows(hall: HallConfig, params: HallSimParams, kind: DayKind, schedule: DaySchedule, scale: number, rng: Rng): Win[] {
  const departments: string[] = [];
  for (const w of hall.windows) if (!departments.includes(w.department)) departments.push(w.department);
  const chosen = new Set<string>();
  if (kind === "saturday") {
    for (const id of params.saturdayWindows) chosen.add(id);
  } else {
    for (const dept of departments) {
      for (const w of pickDepartmentWindows(hall, params, dept, scale, rng)) chosen.add(w.id);
    }
  }
  // Staffing draws happen after every department is picked, in configuration order.
  return hall.windows.filter((w) => chosen.has(w.id)).map((w) => staffWindow(hall, params, departments, w, kind, schedule, rng));
}

/** The department's comprehensive (综合) windows first, then enough others to cover each category, then any. */
function pickDepartmentWindows(hall: HallConfig, params: HallSimParams, dept: string, scale: number, rng: Rng): WindowConfig[] {
  const group = hall.windows.filter((w) => w.department === dept);
  const typical = params.departments[dept]?.typicalOpenWindows ?? group.length;
  const n = Math.min(group.length, Math.max(1, Math.ceil(typical * scale - 1e-9)));
  const picked: typeof group = group.filter((w) => w.comprehensive === true).slice(0, n);
  const rest = rng.sample(group.filter((w) => !picked.includes(w)), group.length);
  const covered = new Set(picked.flatMap((w) => w.categories));
  for (const w of rest) {
    if (picked.length >= n) break;
    if (w.categories.some((c) => !covered.has(c))) {
      picked.push(w);
      w.categories.forEach((c) => covered.add(c));
    }
  }
  for (const w of rest) {
    if (picked.length >= n) break;
    if (!picked.includes(w)) picked.push(w);
  }
  return picked;
}

function staffWindow(hall: HallConfig, params: HallSimParams, departments: string[], w: WindowConfig, kind: DayKind, schedule: DaySchedule, rng: Rng): Win {
  const lunch = schedule.lunch;
  const dept = departments.indexOf(w.department) + 1;
  const position = hall.windows.filter((x) => x.department === w.department).indexOf(w) + 1;
  const groupSize = hall.windows.filter((x) => x.department === w.department).length;
  const staffNo = rng.chance(0.15) ? position + groupSize : position; // a colleague covers today
  const onLunchDuty = params.lunchDutyWindows.includes(w.id);
  const breaks = kind === "weekday" && lunch ? drawBreaks(schedule, lunch, rng) : [];
  // The property order below is also the order of the random draws.
  return {
    id: w.id,
    categories: [...w.categories],
    staffId: `s-${String(dept).padStart(2, "0")}${String(staffNo).padStart(2, "0")}`,
    state: "off",
    lunchAt: lunch && !onLunchDuty ? (lunch.start + rng.uniform(-6, 2)) * MIN : null,
    lunchBackAt: lunch ? (lunch.end + rng.uniform(-4, 5)) * MIN : 0,
    lunchTaken: false,
    breaks,
    closeAt: (schedule.closes + rng.uniform(0, 4)) * MIN,
    pokePending: false,
  };
}

/** Short absences on a weekday: one in the morning, one in the afternoon, rarely a maintenance stop. */
function drawBreaks(schedule: DaySchedule, lunch: { start: number; end: number }, rng: Rng): Win["breaks"] {
  const breaks: Win["breaks"] = [];
  if (rng.chance(0.3)) breaks.push({ at: rng.uniform(schedule.opens + 40, lunch.start - 30) * MIN, ms: rng.uniform(5, 15) * MIN, reason: "临时离开" });
  if (rng.chance(0.3)) breaks.push({ at: rng.uniform(lunch.end + 30, schedule.closes - 40) * MIN, ms: rng.uniform(5, 15) * MIN, reason: "临时离开" });
  if (rng.chance(0.02)) breaks.push({ at: rng.uniform(schedule.opens + 30, schedule.closes - 60) * MIN, ms: rng.uniform(10, 25) * MIN, reason: "系统维护" });
  breaks.sort((a, b) => a.at - b.at);
  return breaks;
}
