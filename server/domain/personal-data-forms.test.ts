// The forms of personal numbers the fuzzers found the detector missing (issue #7, privacy): first-generation
// 15-digit resident ID numbers and full-width digits; masking keeps the text's length and places.
import { describe, expect, it } from "vitest";
import { findPersonalData, maskPersonalData, maskPersonalDataInText, personalDataIn } from "./personal-data.js";

describe("personal numbers in the forms people type them", () => {
  it("finds first-generation 15-digit resident ID numbers (region, YYMMDD, sequence)", () => {
    expect(personalDataIn("110105491231002")).toBe("id_card");
    expect(personalDataIn("身份证110105491231002。")).toBe("id_card");
    expect(personalDataIn("110105491331002")).toBeNull(); // month 13: not a birth date
    expect(personalDataIn("a110105491231002")).toBeNull(); // inside a longer run of letters and digits
  });

  it("finds full-width digits and full-width or typographic dashes like ASCII ones", () => {
    expect(personalDataIn("电话１３９１２３４５６７８")).toBe("mobile");
    expect(personalDataIn("＋８６ １３９ １２３４ ５６７８")).toBe("mobile");
    expect(personalDataIn("139－1234－5678")).toBe("mobile");
    expect(personalDataIn("139‐1234‐5678")).toBe("mobile");
    expect(personalDataIn("１１０１０５１９４９１２３１００２Ｘ")).toBe("id_card");
  });

  it("does not take the fraction digits of a decimal for a number of their own", () => {
    expect(personalDataIn(String(0.738308090228476))).toBeNull();
    expect(findPersonalData({ targets: { hotUtilization: 0.13912345678 } })).toBeNull();
    expect(personalDataIn("13912345678.5")).toBe("mobile");
  });

  it("names a value under an empty key by the path \"\"", () => {
    expect(findPersonalData({ "": "13912345678" })).toEqual({ field: '""', kind: "mobile" });
    expect(findPersonalData({ a: { "": ["13912345678"] } })).toEqual({ field: 'a."".0', kind: "mobile" });
  });

  it("masks them in place, keeping the length, also after an earlier search with the same pattern", () => {
    expect(personalDataIn("13912345678")).toBe("mobile"); // leaves the shared pattern's lastIndex moved
    expect(maskPersonalDataInText("电话１３９１２３４５６７８。")).toBe("电话***********。");
    expect(maskPersonalDataInText("ID 110105491231002 ok")).toBe("ID *************** ok");
    expect(maskPersonalData({ "１３９１２３４５６７８": "x" })).toEqual({ "***********": "x" });
    expect(findPersonalData({ note: { "１３９１２３４５６７８": 1 } })).toEqual({ field: "note.***********", kind: "mobile" });
  });
});
