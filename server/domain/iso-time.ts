// The ISO-8601 text of an epoch-ms time, remembered. The live view writes the same times at every flush
// of every hall — each window's state since, its current ticket's call, the twelve recent calls: ~18,000
// Date objects and strings a second on a province node at ten times the peak, 1.9% of its busy main thread
// (issue #11's profile). The text of a time never changes, so a bounded memo serves them; when full it
// starts over (the times in use come back within a flush).
const MEMO_MAX = 8192;
const memo = new Map<number, string>();

export function isoTime(ms: number): string {
  let text = memo.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(ms, text);
  }
  return text;
}
