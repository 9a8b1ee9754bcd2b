// How item values read on the admin pages: time limits (0 = 即办件), visits, yes/no, materials — as text.
import { useI18n } from "vue-i18n";
import type { Material } from "../../../../../contract/index.js";
import { knownImportMessage } from "./import-messages.js";

export function useItemFormat() {
  const { t } = useI18n();
  const days = (n: number | null | undefined) => (n === null || n === undefined ? t("common.none") : n === 0 ? t("admin.items.instant") : t("admin.items.workingDays", { n }));
  const yesNo = (b: boolean) => t(b ? "admin.items.yes" : "admin.items.no");
  const form = (m: Material) => t(`admin.items.material.${m.form}`);
  const material = (m: Material) => `${m.name}（${form(m)} · ${t("admin.items.material.copiesN", { n: m.copies })} · ${t(m.required ? "admin.items.material.mandatory" : "admin.items.material.optional")}）`;
  /** Any value of a diff: numbers of days and visits, yes/no, text, empty. */
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return t("admin.diff.empty");
    if (field === "promisedDays" || field === "legalDays") return days(v as number);
    if (field === "maxVisits") return t("admin.items.visits", { n: v as number });
    if (typeof v === "boolean") return yesNo(v);
    return String(v);
  };
  const fieldLabel = (f: string) => t(`admin.items.fields.${f}`);
  /** An import error's message in the page's language, and the raw one when it differs. */
  const importMessage = (message: string): { text: string; raw: string | null } => {
    const known = knownImportMessage(message);
    if (!known) return { text: message, raw: null };
    const params = known.field ? { ...known.params, label: fieldLabel(known.field) } : known.params;
    return { text: t(`admin.import.messages.${known.key}`, params), raw: message };
  };
  return { days, yesNo, form, material, value, fieldLabel, importMessage };
}
