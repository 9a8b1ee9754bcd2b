// Why the next ticket is next (issue #9), as the plain text the console shows under "下一位": the rule
// of the call order that puts it first ("绿色通道优先", "等候最久 23 分钟"), what it goes before, and
// the notes staff get asked about (a transferred ticket waits from its transfer; an appointment has no
// precedence). Waits age with the time since the view arrived.
import type { StaffNextExplanation } from "../../../../contract/index.js";
import type { Translate } from "../../stores/staff-errors.js";
import { waitText } from "./staff-format.js";

export function nextWhyText(t: Translate, e: StaffNextExplanation, driftSeconds: number): string {
  const waited = waitText(t, e.waitedSeconds + driftSeconds);
  const parts: string[] = [];
  if (e.rule === "green_channel") {
    parts.push(t("staff.next.why.green_channel"));
    if (e.overtook > 0) parts.push(t("staff.next.why.overtook", { n: e.overtook }));
    parts.push(t("staff.next.waited", { time: waited }));
  } else if (e.rule === "longest_wait") parts.push(t("staff.next.why.longest_wait", { time: waited }));
  else if (e.rule === "tie_by_ticket_id") parts.push(t("staff.next.why.tie_by_ticket_id", { no: e.runnerUp?.ticketNo ?? "—" }), t("staff.next.waited", { time: waited }));
  else parts.push(t("staff.next.why.only_waiting"), t("staff.next.waited", { time: waited }));
  if (e.queuedFrom === "transfer") parts.push(t("staff.next.why.transfer"));
  if (e.priority === "appointment") parts.push(t("staff.next.why.appointment"));
  return parts.join(" · ");
}

/** The runner-up line ("其后 A012，已等 18 分钟"), or "" when it waits alone. */
export function runnerUpText(t: Translate, e: StaffNextExplanation, driftSeconds: number): string {
  if (!e.runnerUp) return "";
  const key = e.runnerUp.priority === "green" ? "staff.next.why.runnerUpGreen" : "staff.next.why.runnerUp";
  return t(key, { no: e.runnerUp.ticketNo, time: waitText(t, e.runnerUp.waitedSeconds + driftSeconds), n: e.aheadOf });
}
