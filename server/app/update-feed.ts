// One hall's /display feed (contract: docs/contract.md, "/display"): the view last published with its seq,
// and the recent updates, each in every display form, so that a display reconnecting with `lastSeq` gets
// only what it missed. Seqs keep increasing across restarts: boot epoch × 10⁹ + a counter, so a display
// never takes a new process's update for one it already has.
import { SEQ_PER_BOOT, type DisplayUpdate, type LoadView } from "../../contract/index.js";
import { diffLoadViews } from "../domain/view-diff.js";
import { updateForms, type DisplayFormKey, type UpdateForms } from "./display-forms.js";

/** Updates kept for reconnecting displays: at most this many (at 4 a second, two and a half minutes)… */
const UPDATE_BUFFER = 600;
/**
 * …and none published longer ago than this. Without it a hall publishing every 5 s held 50 minutes of
 * updates, ~29 KB each for a busy hall in the afternoon — ~16 MiB a hall, on every node of a province
 * (issue #11's memory). A display away longer gets a snapshot, one view instead of hundreds of updates.
 */
export const UPDATE_KEEP_MS = 2 * 60_000;

export class UpdateFeed {
  private counter = 0;
  private last: { seq: number; view: LoadView } | null = null;
  /** The updates held, oldest first, each with when it was published. */
  private buffer: { forms: UpdateForms; at: number }[] = [];

  constructor(private readonly bootEpoch: number) {}

  /** The view last published with its seq (null before the first publication or after a reset). */
  get published(): { seq: number; view: LoadView } | null {
    return this.last;
  }

  /** The first publication: the view itself becomes what displays start from (sent as a snapshot). */
  publishFirst(view: LoadView): number {
    this.last = { seq: this.nextSeq(), view };
    return this.last.seq;
  }

  /** A later publication at `now`: the change from the last one in every display form (null before the first). */
  publishNext(view: LoadView, now: number): UpdateForms | null {
    const prev = this.last;
    if (!prev) return null;
    const { patch } = diffLoadViews(prev.view, view);
    const forms = updateForms(prev.view, view, patch, this.nextSeq(), prev.seq);
    this.last = { seq: forms.full.seq, view };
    this.buffer.push({ forms, at: now });
    let drop = Math.max(0, this.buffer.length - UPDATE_BUFFER);
    while (drop < this.buffer.length && now - (this.buffer[drop] as { at: number }).at > UPDATE_KEEP_MS) drop++;
    if (drop > 0) this.buffer.splice(0, drop);
    return forms;
  }

  /** The updates after `lastSeq` in the display's form, or null when they are no longer all buffered (send a snapshot). */
  missedSince(lastSeq: number, form: DisplayFormKey): DisplayUpdate[] | null {
    if (!this.last) return null;
    if (lastSeq === this.last.seq) return [];
    const i = this.buffer.findIndex((u) => u.forms.full.baseSeq === lastSeq);
    return i === -1 ? null : this.buffer.slice(i).map(({ forms }) => forms[form] ?? forms.full);
  }

  /** Everyone starts over from a fresh snapshot (a configuration change); seqs go on increasing. */
  reset(): void {
    this.last = null;
    this.buffer = [];
  }

  private nextSeq(): number {
    this.counter += 1;
    return this.bootEpoch * SEQ_PER_BOOT + this.counter;
  }
}
