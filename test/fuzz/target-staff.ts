// The "staff" target: one socket.io /staff console per window, each sending generated actions with a few
// in flight, judged in the order they were sent; at the end the console's view must still answer.
import type { Socket } from "socket.io-client";
import { isStaffActionType, staffActionSchemas } from "../../contract/index.js";
import { staffInput } from "./arb-staff-actions.js";
import { context, type FuzzSession } from "./fuzz-session.js";
import { inChunks } from "./input-flow.js";
import { hasPersonalNumber } from "./privacy-scan.js";
import type { Counts, FuzzFailure } from "./report-types.js";
import { ACK_TIMEOUT_MS, connect, emitAck } from "./socket-client.js";
import type { Tagged } from "./tagged.js";
import { ackProblem, preview, record, wire, type Result } from "./verdicts.js";

/** Staff actions in flight per console (judged in the order they were sent). */
const STAFF_WINDOW = 8;

export async function fuzzStaff(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  const windows = Object.keys(s.staffTokens);
  const sockets = await Promise.all(windows.map((w) => connect(s.server.url, "/staff", { token: s.staffTokens[w] })));
  const per = Math.ceil(n / windows.length);
  try {
    await Promise.all(
      windows.map(async (w, wi) => {
        const socket = sockets[wi] as Socket;
        const other = windows[(wi + 1) % windows.length] as string;
        const accepted = new Set<string>();
        const total = Math.min(per, n - per * wi);
        await inChunks(total, seed + wi * 31, "staff", () => staffInput(context(`st${wi}-`, 1500), w, other), async (items, offset) => {
          let index = offset;
          const acks: Promise<unknown>[] = [];
          for (let i = 0; i < items.length; i++) {
            // STAFF_WINDOW actions in flight, judged in the order they were sent
            while (acks.length < items.length && acks.length < i + STAFF_WINDOW) acks.push(emitAck(socket, "action", (items[acks.length] as Tagged).value));
            const t = items[i] as Tagged;
            const sent = wire(t.value);
            const ack = (await acks[i]) as { ok?: boolean; data?: Result; error?: { code?: string; field?: unknown; message?: unknown } };
            counts.inputs++;
            if (t.expect === "pii") counts.planted++;
            const p = ackProblem(ack);
            if (p) {
              record(failures, "staff", index++, p, t, counts);
              continue;
            }
            if (ack.ok === false) {
              counts.rejected++;
              const e = ack.error as { code?: string; field?: unknown; message?: unknown };
              let problem: string | null = null;
              if ((e.code === "bad_request" || e.code === "forbidden") && (typeof e.field !== "string" || e.field === "" || !String(e.message).startsWith(`${e.field}: `)))
                problem = `refused (${e.code}) without naming a field: ${preview(ack)}`;
              else if (t.expect === "valid" && !(e.code === "not_found" || ((e.code === "bad_request" || e.code === "forbidden") && (e.field === "ticketId" || e.field === "windowId"))))
                problem = `a valid action was refused: ${preview(ack)}`;
              else if (hasPersonalNumber(String(e.message)) || hasPersonalNumber(String(e.field))) problem = `the refusal echoes a personal number: ${preview(ack)}`;
              record(failures, "staff", index++, problem, t, counts);
              continue;
            }
            const data = ack.data as Result;
            const id = (sent as { id?: unknown }).id as string;
            let problem: string | null = null;
            if (data.id !== id) problem = `the ack's id ${String(data.id)} is not the action's`;
            else if (t.expect === "pii") {
              problem = `an action with a personal number was ${String(data.status)} (${t.how})`;
              if (data.status === "accepted") accepted.add(id);
            } else if (data.status === "duplicate") {
              counts.duplicate++;
              if (!accepted.has(id) && id.startsWith(`st${wi}-`)) problem = "duplicate of an id never accepted";
            } else if (data.status === "accepted") {
              counts.accepted++;
              const type = (sent as { type?: unknown }).type;
              const parsed = isStaffActionType(type) ? staffActionSchemas[type].safeParse(sent) : null;
              if (!parsed?.success) problem = "accepted an action the contract refuses";
              else if (hasPersonalNumber(JSON.stringify(sent))) problem = "accepted an action holding a personal number";
              else if (accepted.has(id)) problem = "accepted the same id twice";
              accepted.add(id);
            } else problem = `unknown status ${preview(data)}`;
            record(failures, "staff", index++, problem, t, counts);
          }
        }, 250);
      }),
    );
    // the console's own view still answers
    const view = (await sockets[0]?.timeout(ACK_TIMEOUT_MS).emitWithAck("view").catch((err: unknown) => ({ __noAck: String(err) }))) as { ok?: boolean };
    if (view.ok !== true) record(failures, "staff", -1, `the staff view does not answer: ${preview(view)}`, null, counts);
  } finally {
    for (const so of sockets) so.disconnect();
  }
}
