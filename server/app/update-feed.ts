// One hall's /display feed (contract: docs/contract.md, "/display"): the view last published with its seq,
// and the recent updates, each in every display form, so that a display reconnecting with `lastSeq` gets
// only what it missed (while that costs less than a snapshot). Seqs keep increasing across restarts: boot
// epoch × 10⁹ + a counter, so a display never takes a new process's update for one it already has.
import { SEQ_PER_BOOT, type DisplayUpdate, type LoadView } from "../../contract/index.js";
import { diffLoadViews } from "../domain/view-diff.js";
import { leanView, updateForms, WALL_FORM, type DisplayFormKey, type UpdateForms } from "./display-forms.js";

/** Updates kept for reconnecting displays: at most this many (at 4 a second, two and a half minutes)… */
const UPDATE_BUFFER = 600;
/**
 * …and none published longer ago than this. Without it a hall publishing every 5 s held 50 minutes of
 * updates, ~29 KB each for a busy hall in the afternoon — ~16 MiB a hall, on every node of a province
 * (issue #11's memory). A display away longer gets a snapshot, one view instead of hundreds of updates.
 */
export const UPDATE_KEEP_MS = 2 * 60_000;
/**
 * …and no more of them than a snapshot is worth: once the updates held add up to more JSON than the view
 * itself, a display that missed them all is better served by the snapshot, and the oldest go. Both are
 * measured in the form the walls take (most displays; the other forms differ in proportion). At a busy
 * hall publishing every 250 ms, two minutes of updates were ~3 MB of JSON against a snapshot of ~32 KB, and
 * held 4–8 MiB of heap for displays that would rather have had the snapshot (issue #8's 90-second run).
 * The view's size is measured again at most this often (a stringify of the whole view), when it matters.
 */
const SNAPSHOT_SIZE_EVERY_MS = 10_000;

/** Characters of an update's or a view's JSON: its cost to send. */
const jsonLength = (value: unknown): number => JSON.stringify(value).length;

export class UpdateFeed {
  private counter = 0;
  private last: { seq: number; view: LoadView } | null = null;
  /** The updates held, oldest first, each with when it was published and the length of its wall form's JSON. */
  private buffer: { forms: UpdateForms; at: number; size: number }[] = [];
  /** The sum of the held updates' sizes. */
  private bufferedSize = 0;
  /** The last view's JSON length as a wall's snapshot, when measured (null: not yet). */
  private snapshotSize: { chars: number; at: number } | null = null;

  constructor(private readonly bootEpoch: number) {}

  /** The view last published with its seq (null before the first publication or after a reset). */
  get published(): { seq: number; view: LoadView } | null {
    return this.last;
  }

  /** How many updates are held for reconnecting displays. */
  get heldCount(): number {
    return this.buffer.length;
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
    const size = jsonLength(forms[WALL_FORM] ?? forms.full);
    this.buffer.push({ forms, at: now, size });
    this.bufferedSize += size;
    const snapshot = this.snapshotChars(view, now);
    let drop = 0;
    for (const held = this.buffer.length; drop < held; drop++) {
      const oldest = this.buffer[drop] as { at: number; size: number };
      if (held - drop <= UPDATE_BUFFER && now - oldest.at <= UPDATE_KEEP_MS && this.bufferedSize <= snapshot) break;
      this.bufferedSize -= oldest.size;
    }
    if (drop > 0) this.buffer.splice(0, drop);
    return forms;
  }

  /**
   * The view's JSON length, measured again only when the updates held outgrow the last measure and it is
   * older than SNAPSHOT_SIZE_EVERY_MS: a quiet hall's few small updates never ask for it.
   */
  private snapshotChars(view: LoadView, now: number): number {
    const known = this.snapshotSize;
    if (known !== null && (this.bufferedSize <= known.chars || now - known.at < SNAPSHOT_SIZE_EVERY_MS)) return known.chars;
    this.snapshotSize = { chars: jsonLength(leanView(view)), at: now };
    return this.snapshotSize.chars;
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
    this.bufferedSize = 0;
  }

  private nextSeq(): number {
    this.counter += 1;
    return this.bootEpoch * SEQ_PER_BOOT + this.counter;
  }
}
