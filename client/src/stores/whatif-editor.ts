// The what-if editor's edits of the window drafts (模拟调配, admin-allocation-whatif.ts): categories on
// and off, open intervals added, changed and removed, a window closed all day, a category merged into
// every comprehensive window. Each edit calls `edited` (the last run's error no longer applies).
import type { Ref } from "vue";
import { newInterval, type WindowDraft } from "./whatif-drafts.js";

export function draftEditor(drafts: Ref<WindowDraft[]>, edited: () => void) {
  function draft(windowId: string): WindowDraft | undefined {
    return drafts.value.find((d) => d.id === windowId);
  }

  function toggleCategory(windowId: string, categoryId: string, on: boolean): void {
    const d = draft(windowId);
    if (!d) return;
    const rest = d.categories.filter((c) => c !== categoryId);
    d.categories = on ? [...rest, categoryId] : rest;
    edited();
  }

  function addInterval(windowId: string): void {
    const d = draft(windowId);
    if (!d) return;
    d.intervals.push(newInterval());
    d.closed = false;
    edited();
  }

  function removeInterval(windowId: string, index: number): void {
    draft(windowId)?.intervals.splice(index, 1);
    edited();
  }

  function setInterval(windowId: string, index: number, end: "from" | "to", value: string): void {
    const i = draft(windowId)?.intervals[index];
    if (!i) return;
    i[end] = value;
    edited();
  }

  function setClosed(windowId: string, closed: boolean): void {
    const d = draft(windowId);
    if (!d) return;
    d.closed = closed;
    edited();
  }

  /** 把某业务并入综合窗口: the category added to every comprehensive window; the number of windows. */
  function mergeIntoComprehensive(categoryId: string, comprehensiveIds: readonly string[]): number {
    let n = 0;
    for (const id of comprehensiveIds) {
      const d = draft(id);
      if (d && !d.categories.includes(categoryId)) {
        d.categories = [...d.categories, categoryId];
        n += 1;
      }
    }
    edited();
    return n;
  }

  return { draft, toggleCategory, addInterval, removeInterval, setInterval, setClosed, mergeIntoComprehensive };
}
