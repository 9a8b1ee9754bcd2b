// Floor watch (issue #9): idle while waiting, lost heartbeats, device data quality, priority fairness.
// Pure functions over the fact store and the hall configuration; the caller supplies time and liveness.
export { DEFAULT_IDLE_THRESHOLD_MS, idleEpisodes, quietStretches, type IdleEpisode } from "./idle-episodes.js";
export { DEFAULT_HEARTBEAT_TIMEOUT_MS, floorAlerts, type DeviceSighting, type FloorAlert, type FloorAlertKind, type FloorAlertOptions } from "./floor-alerts.js";
export { idleHistory, localDayPeriods, type Period, type WindowIdleRow } from "./idle-history.js";
export { staysByCategory, queueStays, type QueueStay } from "./queue-stays.js";
export { attendingIntervals } from "./window-attending.js";
export { DEFAULT_GRACE_MS, dataQuality, type DataQualityOptions, type DataQualityReport } from "./data-quality.js";
export { DEFAULT_LATE_AFTER_MS, DEFAULT_SKEW_TOLERANCE_MS, clockKey, clockOffsets } from "./device-timing.js";
export { CHECK_FROM, RATE_WEIGHTS, SKEW_PENALTY, TRUSTED_FROM, type QualityGrade, type SubjectQuality } from "./quality-score.js";
export { ISSUE_KINDS, type IssueKind, type QualityIssue, type ReceivedEvent } from "./quality-types.js";
export { priorityWaits, type PriorityWaitRow } from "./priority-waits.js";
export { explainNext, ruleBetween, type NextExplanation, type NextRule } from "./explain-next.js";
