// Personal identifiers as people write them — resident ID numbers (18 and 15 digits, full-width too) and
// mobile numbers (+86, grouped, full-width) — in free text, as ids and as ticket numbers. The fuzzers plant
// them everywhere to check the server refuses every input that carries one.
import fc from "fast-check";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** The GB 11643 check character of the first 17 digits of a resident ID number. */
export function idCardCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

const toFullWidth = (s: string) => s.replace(/[0-9+\-X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const region = fc.integer({ min: 110000, max: 659999 }).map(String);
const birth = fc
  .integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2023, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, ""));
const serial = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, "0"));

/** 18-character resident ID numbers: valid check digit (sometimes a lower-case x), sometimes a wrong one. */
export const idCard18 = fc.tuple(region, birth, serial, fc.nat(9), fc.boolean()).map(([r, b, s, wrong, lower]) => {
  const first = `${r}${b}${s}`;
  const check = wrong === 0 ? String((Number(idCardCheck(first)) + 1) % 10 || 1) : idCardCheck(first);
  return first + (lower && check === "X" ? "x" : check);
});
/** First-generation 15-digit resident ID numbers (region, YYMMDD, serial). */
export const idCard15 = fc.tuple(region, birth, serial).map(([r, b, s]) => `${r}${b.slice(2)}${s}`);

export const mobileDigits = fc
  .tuple(fc.constantFrom("3", "4", "5", "6", "7", "8", "9"), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([b, rest]) => `1${b}${String(rest).padStart(9, "0")}`);
const grouped = (m: string, sep: string) => `${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`;
/** Mobile numbers as people write them: plain, +86, 3-4-4 with spaces or dashes, full-width digits. */
export const mobile = fc
  .tuple(mobileDigits, fc.constantFrom("plain", "+86", "+86 ", "86-", "0086 ", "spaces", "dashes", "+86 spaces", "fullwidth"))
  .map(([m, form]) => {
    switch (form) {
      case "plain":
        return m;
      case "spaces":
        return grouped(m, " ");
      case "dashes":
        return grouped(m, "-");
      case "+86 spaces":
        return `+86 ${grouped(m, " ")}`;
      case "fullwidth":
        return toFullWidth(m);
      default:
        return `${form}${m}`;
    }
  });

/** Any personal number, as text (full-width ID numbers too). */
export const personalNumber = fc.oneof(
  { arbitrary: mobile, weight: 4 },
  { arbitrary: idCard18, weight: 3 },
  { arbitrary: idCard18.map(toFullWidth), weight: 1 },
  { arbitrary: idCard15, weight: 2 },
);
/** Personal numbers that fit the id pattern [A-Za-z0-9._:-] (no spaces, no +, ASCII). */
export const personalNumberAsId = fc.oneof(
  mobileDigits,
  mobileDigits.map((m) => grouped(m, "-")),
  idCard18,
  idCard15,
  fc.tuple(fc.constantFrom("T-", "case:", "ref.", "c_", "X-"), fc.oneof(mobileDigits, idCard18, idCard15)).map(([p, n]) => p + n),
);
/** Personal numbers that fit a ticket number ([A-Za-z0-9-], ≤ 16). */
export const personalNumberAsTicketNo = fc.oneof(mobileDigits, mobileDigits.map((m) => `A-${m}`), mobileDigits.map((m) => grouped(m, "-")), idCard15);

const PREFIXES = ["", "电话", "手机：", "联系电话 ", "身份证", "身份证号:", "tel ", "(", "张三", "请拨打", "ID "];
const SUFFIXES = ["", "。", " 谢谢", "）", "，", "!", " ok"];
/** Free text with a personal number embedded as a word of its own. */
export const textWithPersonalNumber = (max: number) =>
  fc.tuple(fc.constantFrom(...PREFIXES), personalNumber, fc.constantFrom(...SUFFIXES)).map(([p, n, s]) => `${p}${n}${s}`.slice(0, max));
