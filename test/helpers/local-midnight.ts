// Right after a hall's local midnight it has no "today" yet: its ticket numbers, today's figures and the
// staff console's queue start afresh. The browser tests that need today's tickets (replayed up to now, or
// written minutes before now) would find them in yesterday when run in the first minutes of the day — a
// clean-clone run at 16:00–16:25 UTC failed so (Asia/Shanghai). They wait until `minutes` of the day have
// passed: a run started then takes up to that much longer, once, all files waiting for the same moment.
import { startOfLocalDay } from "../../contract/index.js";

export async function awayFromLocalMidnight(timeZone: string, minutes: number): Promise<void> {
  const now = Date.now();
  const wait = startOfLocalDay(now, timeZone) + minutes * 60_000 - now;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 1000));
}
