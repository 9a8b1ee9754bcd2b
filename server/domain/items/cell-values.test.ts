// Unit tests of the cell readers: numbers of days and visits, 是/否, dates (including ones that do not
// exist), and the materials cell with both separators and Chinese forms.
import { describe, expect, it } from "vitest";
import { cellText, readBoolean, readDate, readMaterials, readWholeNumber } from "./cell-values.js";

describe("cellText", () => {
  it("trims text and renders other cells as text", () => {
    expect(cellText("  企业设立登记 \r")).toBe("企业设立登记");
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText(12)).toBe("12");
    expect(cellText(false)).toBe("false");
    expect(cellText(new Date(Date.UTC(2026, 9, 9)))).toBe("2026-10-09T00:00:00.000Z");
    expect(cellText(new Date(Number.NaN))).toBe("");
  });
});

describe("readWholeNumber", () => {
  it("reads plain numbers and numeric cells", () => {
    expect(readWholeNumber("5")).toEqual({ ok: true, value: 5 });
    expect(readWholeNumber(" 20 ")).toEqual({ ok: true, value: 20 });
    expect(readWholeNumber(0)).toEqual({ ok: true, value: 0 });
    expect(readWholeNumber(15)).toEqual({ ok: true, value: 15 });
  });

  it("reads days with their unit", () => {
    expect(readWholeNumber("5个工作日")).toEqual({ ok: true, value: 5 });
    expect(readWholeNumber("5 个工作日")).toEqual({ ok: true, value: 5 });
    expect(readWholeNumber("20工作日")).toEqual({ ok: true, value: 20 });
    expect(readWholeNumber("30日")).toEqual({ ok: true, value: 30 });
    expect(readWholeNumber("7天")).toEqual({ ok: true, value: 7 });
  });

  it("reads visits: digits with 次 and Chinese numerals", () => {
    expect(readWholeNumber("1次")).toEqual({ ok: true, value: 1 });
    expect(readWholeNumber("0次")).toEqual({ ok: true, value: 0 });
    expect(readWholeNumber("一次")).toEqual({ ok: true, value: 1 });
    expect(readWholeNumber("两次")).toEqual({ ok: true, value: 2 });
    expect(readWholeNumber("二")).toEqual({ ok: true, value: 2 });
    expect(readWholeNumber("零次")).toEqual({ ok: true, value: 0 });
    expect(readWholeNumber("最多跑一次")).toEqual({ ok: true, value: 1 });
  });

  it("reads 即办 as 0 only when asked to", () => {
    expect(readWholeNumber("即办", { instantIsZero: true })).toEqual({ ok: true, value: 0 });
    expect(readWholeNumber("即办件", { instantIsZero: true })).toEqual({ ok: true, value: 0 });
    expect(readWholeNumber("即办")).toEqual({ ok: false, message: 'expected a whole number, got "即办"' });
  });

  it("reads an empty cell as null", () => {
    expect(readWholeNumber("")).toEqual({ ok: true, value: null });
    expect(readWholeNumber("   ")).toEqual({ ok: true, value: null });
    expect(readWholeNumber(null)).toEqual({ ok: true, value: null });
    expect(readWholeNumber(undefined)).toEqual({ ok: true, value: null });
  });

  it("refuses malformed values with the value in the message", () => {
    expect(readWholeNumber("abc")).toEqual({ ok: false, message: 'expected a whole number, got "abc"' });
    expect(readWholeNumber("5.5")).toEqual({ ok: false, message: 'expected a whole number, got "5.5"' });
    expect(readWholeNumber("-3")).toEqual({ ok: false, message: 'expected a whole number, got "-3"' });
    expect(readWholeNumber("5个月")).toEqual({ ok: false, message: 'expected a whole number, got "5个月"' });
    expect(readWholeNumber("12345")).toEqual({ ok: false, message: 'expected a whole number, got "12345"' });
    expect(readWholeNumber(true)).toEqual({ ok: false, message: 'expected a whole number, got "true"' });
    expect(readWholeNumber(new Date(Date.UTC(2026, 0, 1)))).toEqual({ ok: false, message: 'expected a whole number, got "2026-01-01T00:00:00.000Z"' });
  });

  it("cuts a long value in the message to 40 characters", () => {
    const r = readWholeNumber("x".repeat(100));
    expect(r).toEqual({ ok: false, message: `expected a whole number, got "${"x".repeat(40)}"` });
  });

  it("refuses numeric cells that are not whole and non-negative", () => {
    expect(readWholeNumber(2.5)).toEqual({ ok: false, message: "expected a whole number" });
    expect(readWholeNumber(-1)).toEqual({ ok: false, message: "expected a whole number" });
    expect(readWholeNumber(Number.NaN)).toEqual({ ok: false, message: "expected a whole number" });
    expect(readWholeNumber(Number.POSITIVE_INFINITY)).toEqual({ ok: false, message: "expected a whole number" });
  });
});

describe("readBoolean", () => {
  it("reads 是/否 and their English forms", () => {
    expect(readBoolean("是")).toEqual({ ok: true, value: true });
    expect(readBoolean("否")).toEqual({ ok: true, value: false });
    expect(readBoolean("Yes")).toEqual({ ok: true, value: true });
    expect(readBoolean("N")).toEqual({ ok: true, value: false });
    expect(readBoolean("TRUE")).toEqual({ ok: true, value: true });
    expect(readBoolean("false")).toEqual({ ok: true, value: false });
    expect(readBoolean("√")).toEqual({ ok: true, value: true });
    expect(readBoolean("×")).toEqual({ ok: true, value: false });
    expect(readBoolean("全程网办")).toEqual({ ok: true, value: true });
    expect(readBoolean("必要")).toEqual({ ok: true, value: true });
    expect(readBoolean("非必要")).toEqual({ ok: true, value: false });
    expect(readBoolean("选交")).toEqual({ ok: true, value: false });
  });

  it("reads boolean and numeric cells", () => {
    expect(readBoolean(true)).toEqual({ ok: true, value: true });
    expect(readBoolean(false)).toEqual({ ok: true, value: false });
    expect(readBoolean(1)).toEqual({ ok: true, value: true });
    expect(readBoolean(0)).toEqual({ ok: true, value: false });
    expect(readBoolean(2)).toEqual({ ok: false, message: 'expected yes or no (是/否), got "2"' });
  });

  it("reads an empty cell as the given default", () => {
    expect(readBoolean("")).toEqual({ ok: true, value: false });
    expect(readBoolean(null, true)).toEqual({ ok: true, value: true });
    expect(readBoolean(undefined, false)).toEqual({ ok: true, value: false });
    expect(readBoolean(" ", true)).toEqual({ ok: true, value: true });
  });

  it("refuses anything else", () => {
    expect(readBoolean("也许")).toEqual({ ok: false, message: 'expected yes or no (是/否), got "也许"' });
    expect(readBoolean("是的")).toEqual({ ok: false, message: 'expected yes or no (是/否), got "是的"' });
  });
});

describe("readDate", () => {
  it("reads ISO, slashed, dotted and Chinese dates", () => {
    expect(readDate("2026-10-09")).toEqual({ ok: true, value: "2026-10-09" });
    expect(readDate("2026/10/9")).toEqual({ ok: true, value: "2026-10-09" });
    expect(readDate("2026.1.5")).toEqual({ ok: true, value: "2026-01-05" });
    expect(readDate("2026年10月9日")).toEqual({ ok: true, value: "2026-10-09" });
    expect(readDate("2026 年 9 月 30 日")).toEqual({ ok: true, value: "2026-09-30" });
    expect(readDate("2026年10月9")).toEqual({ ok: true, value: "2026-10-09" });
  });

  it("keeps an ISO date-time as it is", () => {
    expect(readDate("2026-10-09T08:30:00+08:00")).toEqual({ ok: true, value: "2026-10-09T08:30:00+08:00" });
    expect(readDate("2026-10-09T00:00:00Z")).toEqual({ ok: true, value: "2026-10-09T00:00:00Z" });
  });

  it("reads a spreadsheet date cell as its UTC calendar date", () => {
    expect(readDate(new Date(Date.UTC(2026, 8, 30)))).toEqual({ ok: true, value: "2026-09-30" });
    expect(readDate(new Date(Number.NaN))).toEqual({ ok: false, message: "not a real date" });
  });

  it("reads an empty cell as null", () => {
    expect(readDate("")).toEqual({ ok: true, value: null });
    expect(readDate(null)).toEqual({ ok: true, value: null });
    expect(readDate(undefined)).toEqual({ ok: true, value: null });
  });

  it("refuses dates that do not exist", () => {
    expect(readDate("2026-02-30")).toEqual({ ok: false, message: 'not a real date: "2026-02-30"' });
    expect(readDate("2026-02-29")).toEqual({ ok: false, message: 'not a real date: "2026-02-29"' });
    expect(readDate("2026年13月1日")).toEqual({ ok: false, message: 'not a real date: "2026年13月1日"' });
    expect(readDate("2026-04-31")).toEqual({ ok: false, message: 'not a real date: "2026-04-31"' });
    expect(readDate("2026-00-10")).toEqual({ ok: false, message: 'not a real date: "2026-00-10"' });
    // 2028 is a leap year.
    expect(readDate("2028-02-29")).toEqual({ ok: true, value: "2028-02-29" });
  });

  it("refuses malformed values", () => {
    expect(readDate("下周一")).toEqual({ ok: false, message: 'expected a date like 2026-10-09, got "下周一"' });
    expect(readDate("10/09/2026")).toEqual({ ok: false, message: 'expected a date like 2026-10-09, got "10/09/2026"' });
    expect(readDate("2026-10-09Tnonsense")).toEqual({ ok: false, message: 'expected a date like 2026-10-09, got "2026-10-09Tnonsense"' });
    expect(readDate(46304)).toEqual({ ok: false, message: 'expected a date like 2026-10-09, got "46304"' });
  });
});

describe("readMaterials", () => {
  it("reads an empty cell as no materials", () => {
    expect(readMaterials("")).toEqual({ ok: true, value: [] });
    expect(readMaterials(null)).toEqual({ ok: true, value: [] });
    expect(readMaterials(" ；; ")).toEqual({ ok: true, value: [] });
  });

  it("reads bare names with the defaults (original, 1 copy, required)", () => {
    expect(readMaterials("居民身份证")).toEqual({ ok: true, value: [{ name: "居民身份证", form: "original", copies: 1, required: true }] });
  });

  it("splits on both ; and ；, in one cell", () => {
    const r = readMaterials("居民身份证|原件|1|是；户口簿|复印件|2|否;营业执照|copy|1|true ； 授权委托书");
    expect(r).toEqual({
      ok: true,
      value: [
        { name: "居民身份证", form: "original", copies: 1, required: true },
        { name: "户口簿", form: "copy", copies: 2, required: false },
        { name: "营业执照", form: "copy", copies: 1, required: true },
        { name: "授权委托书", form: "original", copies: 1, required: true },
      ],
    });
  });

  it("reads the Chinese forms and copies with 份", () => {
    expect(readMaterials("申请书|正本|2份|必要;照片|副本|1|选交;合同|复印|3 份|非必要")).toEqual({
      ok: true,
      value: [
        { name: "申请书", form: "original", copies: 2, required: true },
        { name: "照片", form: "copy", copies: 1, required: false },
        { name: "合同", form: "copy", copies: 3, required: false },
      ],
    });
  });

  it("fills empty parts with the defaults", () => {
    expect(readMaterials("身份证||| ; 户口簿|复印件")).toEqual({
      ok: true,
      value: [
        { name: "身份证", form: "original", copies: 1, required: true },
        { name: "户口簿", form: "copy", copies: 1, required: true },
      ],
    });
  });

  it("refuses a form other than original/copy, naming the material", () => {
    expect(readMaterials("身份证|原件;户口簿|扫描件")).toEqual({ ok: false, message: 'material 2: form must be original (原件) or copy (复印件), got "扫描件"' });
  });

  it("refuses forms that are names of Object.prototype properties", () => {
    expect(readMaterials("身份证|constructor")).toEqual({ ok: false, message: 'material 1: form must be original (原件) or copy (复印件), got "constructor"' });
    expect(readMaterials("身份证|__proto__")).toEqual({ ok: false, message: 'material 1: form must be original (原件) or copy (复印件), got "__proto__"' });
  });

  it("refuses copies that are not a whole number 1–99", () => {
    const msg = (i: number, c: string) => ({ ok: false, message: `material ${i}: copies must be a whole number 1–99, got "${c}"` });
    expect(readMaterials("身份证|原件|0")).toEqual(msg(1, "0"));
    expect(readMaterials("身份证|原件|100")).toEqual(msg(1, "100"));
    expect(readMaterials("身份证|原件|1.5")).toEqual(msg(1, "1.5"));
    expect(readMaterials("身份证|原件|两")).toEqual(msg(1, "两"));
    expect(readMaterials("身份证|原件|0x2")).toEqual(msg(1, "0x2"));
    expect(readMaterials("身份证|原件|1e1")).toEqual(msg(1, "1e1"));
    expect(readMaterials("a;b|copy|-1")).toEqual(msg(2, "-1"));
  });

  it("refuses a required flag that is not yes or no", () => {
    expect(readMaterials("身份证|原件|1|也许")).toEqual({ ok: false, message: 'material 1: required expected yes or no (是/否), got "也许"' });
  });

  it("refuses an empty name and extra parts", () => {
    expect(readMaterials("|原件|1|是")).toEqual({ ok: false, message: "material 1: name is empty" });
    expect(readMaterials("身份证|原件|1|是|多余")).toEqual({ ok: false, message: "material 1: expected name|form|copies|required" });
    expect(readMaterials(`${"名".repeat(201)}|原件`)).toEqual({ ok: false, message: "material 1: name longer than 200 characters" });
  });

  it("numbers materials by their place in the cell, empty entries included", () => {
    expect(readMaterials("身份证;;户口簿|扫描件")).toEqual({ ok: false, message: 'material 3: form must be original (原件) or copy (复印件), got "扫描件"' });
  });
});
