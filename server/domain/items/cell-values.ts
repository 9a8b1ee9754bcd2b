// Reading the cells of government spreadsheets: "5个工作日", "即办", "是/否", "2026年10月9日", and the
// materials cell ("身份证|original|1|true；户口簿" …). Each reader returns a value or an error message.
import type { Material } from "../../../contract/index.js";

export type Cell = string | number | boolean | Date | null | undefined;
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString();
  return String(cell).trim();
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 两: 2, 二: 2, 三: 3 };

/** A whole number of days or visits: "5", "5个工作日", "即办" (0), "一次" (1). Empty → null. */
export function readWholeNumber(cell: Cell, { instantIsZero = false } = {}): Read<number | null> {
  if (typeof cell === "number") return Number.isInteger(cell) && cell >= 0 ? ok(cell) : fail("expected a whole number");
  const t = cellText(cell);
  if (t === "") return ok(null);
  if (instantIsZero && /^即办/.test(t)) return ok(0);
  const m = /^(\d{1,4})(?:\s*(?:个)?(?:工作日|日|天|次))?$/.exec(t);
  if (m) return ok(Number(m[1]));
  const cn = /^(?:最多跑)?([零〇一两二三])(?:次)?$/.exec(t);
  if (cn) return ok(CN_DIGITS[cn[1] as string] as number);
  return fail(`expected a whole number, got "${t.slice(0, 40)}"`);
}

const TRUE = new Set(["是", "y", "yes", "true", "1", "√", "✓", "全程网办", "必要", "必需", "必须", "必交", "required"]);
const FALSE = new Set(["否", "n", "no", "false", "0", "×", "✗", "非必要", "非必需", "选交", "可选", "optional", ""]);

export function readBoolean(cell: Cell, emptyMeans = false): Read<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  const t = cellText(cell).toLowerCase();
  if (t === "") return ok(emptyMeans);
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return fail(`expected yes or no (是/否), got "${t.slice(0, 40)}"`);
}

/** "2026-10-09", "2026/10/9", "2026年10月9日", an ISO date-time, or a spreadsheet date. Empty → null. */
export function readDate(cell: Cell): Read<string | null> {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? fail("not a real date") : ok(cell.toISOString().slice(0, 10));
  const t = cellText(cell);
  if (t === "") return ok(null);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) {
    const d = `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`;
    const dt = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(dt.getTime()) && dt.toISOString().slice(0, 10) === d ? ok(d) : fail(`not a real date: "${t}"`);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t))) return ok(t);
  return fail(`expected a date like 2026-10-09, got "${t.slice(0, 40)}"`);
}

const FORMS: Record<string, Material["form"]> = { original: "original", 原件: "original", 正本: "original", copy: "copy", 复印件: "copy", 复印: "copy", 副本: "copy" };

/** The materials cell: entries separated by ; or ；, each a bare name or name|form|copies|required. */
export function readMaterials(cell: Cell): Read<Material[]> {
  const t = cellText(cell);
  if (t === "") return ok([]);
  const out: Material[] = [];
  for (const [i, raw] of t.split(/[;；]/).entries()) {
    const entry = raw.trim();
    if (entry === "") continue;
    const [name, form, copies, required, ...rest] = entry.split("|").map((p) => p.trim());
    const where = `material ${i + 1}`;
    if (rest.length > 0) return fail(`${where}: expected name|form|copies|required`);
    if (!name) return fail(`${where}: name is empty`);
    if (name.length > 200) return fail(`${where}: name longer than 200 characters`);
    // Own keys only: "constructor" or "__proto__" must not read Object.prototype.
    const f = form === undefined || form === "" ? "original" : Object.hasOwn(FORMS, form.toLowerCase()) ? FORMS[form.toLowerCase()] : undefined;
    if (!f) return fail(`${where}: form must be original (原件) or copy (复印件), got "${form}"`);
    // Digits only: Number() would also take "0x2", "1e1" or "2.0".
    const digits = copies === undefined || copies === "" ? "1" : copies.replace(/\s*份$/, "");
    const n = /^\d{1,2}$/.test(digits) ? Number(digits) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 99) return fail(`${where}: copies must be a whole number 1–99, got "${copies}"`);
    const r = readBoolean(required ?? "", true);
    if (!r.ok) return fail(`${where}: required ${r.message}`);
    out.push({ name, form: f, copies: n, required: r.value });
  }
  return ok(out);
}
