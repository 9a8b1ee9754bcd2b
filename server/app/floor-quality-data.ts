// GET …/floor/data-quality?day=: whose figures rest on doubtful device data, for one hall-local day.
// The documented rules (domain dataQuality) judge the day's events with their receive times; this use
// case only shapes the answer: subjects worst first, issues by event time, capped with their total.
import { localDayRange, type DataQualityIssue, type DataQualityResponse, type DataQualitySubject, type HallConfig } from "../../contract/index.js";
import { dataQuality, type QualityIssue, type SubjectQuality } from "../domain/floor-watch/index.js";
import type { ReceivedEventReader } from "./ports.js";

/** The most issues one answer lists (the counts per subject cover all of them). */
export const ISSUES_LIMIT = 200;

const iso = (ms: number) => new Date(ms).toISOString();

function subject(s: SubjectQuality): DataQualitySubject {
  return { id: s.id, events: s.events, score: s.score, grade: s.grade, counts: { ...s.counts }, missing: s.missing, skewMs: s.skewMs };
}

function issue(i: QualityIssue): DataQualityIssue {
  return {
    kind: i.kind,
    eventId: i.eventId,
    ...(i.relatedEventId !== undefined ? { relatedEventId: i.relatedEventId } : {}),
    windowId: i.windowId,
    deviceId: i.deviceId,
    ts: iso(i.ts),
    ...(i.amount !== undefined ? { amount: i.amount } : {}),
  };
}

const worstFirst = (a: DataQualitySubject, b: DataQualitySubject) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `day` is a hall-local date, already validated; `now` the server time of the judgement. */
export async function dataQualityOf(reader: ReceivedEventReader, hallId: string, hall: HallConfig, day: string, now: number): Promise<DataQualityResponse> {
  const { start, end } = localDayRange(day, hall.timezone);
  const report = dataQuality(await reader.forPeriod(hallId, start, end), { from: start, to: end, asOf: now });
  return {
    day,
    asOf: iso(now),
    pending: report.pending,
    devices: report.devices.map(subject).sort(worstFirst),
    windows: report.windows.map(subject).sort(worstFirst),
    issues: report.issues.slice(0, ISSUES_LIMIT).map(issue),
    totalIssues: report.issues.length,
    issuesLimit: ISSUES_LIMIT,
  };
}
