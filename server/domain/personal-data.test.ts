import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPersonalData, maskPersonalData, maskPersonalDataInText, personalDataIn } from "./personal-data.js";

const MOBILE = "13912345678";
const ID_CARD = "11010519491231002X";

describe("personalDataIn: mobile numbers", () => {
  it.each([
    ["bare", MOBILE],
    ["after Chinese text", `电话${MOBILE}`],
    ["before Chinese text", `${MOBILE}联系`],
    ["after a letter and dash", `T-${MOBILE}`],
    ["with +86 and spaces", "+86 139 1234 5678"],
    ["grouped with dashes", "139-1234-5678"],
    ["grouped with spaces", "call 139 1234 5678 please"],
    ["with +86 and no separator", "+8613912345678"],
    ["with 86- prefix", "86-13912345678"],
    ["in parentheses", `(${MOBILE})`],
    ["after a colon", `tel:${MOBILE}`],
    ["after an underscore", `x_${MOBILE}`],
    ["in a sentence", `请联系 ${MOBILE}。`],
    ["with a 15x prefix", "15800001111"],
    ["with a 19x prefix", "19912345678"],
  ])("finds a mobile %s", (_label, text) => {
    expect(personalDataIn(text)).toBe("mobile");
  });

  it.each([
    ["inside a hex hash", "a3f13912345678bc"],
    ["preceded by a letter", `x${MOBILE}`],
    ["followed by a letter", `${MOBILE}b`],
    ["as part of 12 digits", `0${MOBILE}`],
    ["as part of 12 digits (trailing)", `${MOBILE}9`],
    ["too short", "1391234567"],
    ["with a 12x prefix", "12912345678"],
    ["with a 10x prefix", "10912345678"],
    ["a ticket number", "A023"],
    ["a window id", "w-12"],
    ["an event id", "e-000123"],
    ["a date", "2025-03-10T09:00:00.000Z"],
    ["wrongly grouped", "139-12345678"],
    ["empty text", ""],
  ])("does not find a mobile %s", (_label, text) => {
    expect(personalDataIn(text)).toBeNull();
  });
});

describe("personalDataIn: resident ID numbers", () => {
  it.each([
    ["standing alone", ID_CARD],
    ["after Chinese text", `身份证${ID_CARD}`],
    ["after Chinese text and a colon", `身份证号：${ID_CARD}`],
    ["with a lower-case x", "11010519491231002x"],
    ["with a digit check", "440308199901011234"],
    ["born in the 2000s", "440308200512310015"],
    ["in a sentence", `ID ${ID_CARD} verified`],
  ])("finds an ID %s", (_label, text) => {
    expect(personalDataIn(text)).toBe("id_card");
  });

  it.each([
    ["with 17 digits", "11010519491231002"],
    ["with 19 characters", `${ID_CARD}1`],
    ["preceded by a digit", `9${ID_CARD}`],
    ["preceded by a letter", `a${ID_CARD}`],
    ["with month 13", "110105194913310021"],
    ["with day 32", "110105194912320021"],
    ["with a leading zero region", "010105194912310021"],
    ["born in 17xx", "110105174912310021"],
  ])("does not find an ID %s", (_label, text) => {
    expect(personalDataIn(text)).toBeNull();
  });

  it("reports an ID before a mobile in the same text", () => {
    expect(personalDataIn(`${MOBILE} ${ID_CARD}`)).toBe("id_card");
  });

  it("gives the same answer when called repeatedly (no leftover regex state)", () => {
    for (let i = 0; i < 3; i++) {
      expect(personalDataIn(`电话${MOBILE}`)).toBe("mobile");
      expect(personalDataIn(`x ${ID_CARD}`)).toBe("id_card");
      expect(personalDataIn("A023")).toBeNull();
    }
  });
});

describe("maskPersonalDataInText", () => {
  it("replaces each identifier by asterisks of the same length and keeps the rest", () => {
    expect(maskPersonalDataInText(`电话${MOBILE}`)).toBe("电话***********");
    expect(maskPersonalDataInText("T-13912345678 ok")).toBe("T-*********** ok");
    expect(maskPersonalDataInText("+86 139 1234 5678")).toBe("*".repeat(17));
    expect(maskPersonalDataInText(`身份证${ID_CARD}`)).toBe(`身份证${"*".repeat(18)}`);
  });

  it("masks every occurrence", () => {
    expect(maskPersonalDataInText(`${MOBILE},${MOBILE} ${ID_CARD}`)).toBe(`${"*".repeat(11)},${"*".repeat(11)} ${"*".repeat(18)}`);
  });

  it("leaves text without identifiers unchanged", () => {
    for (const text of ["A023", "w-12", "a3f13912345678bc", `0${MOBILE}`, "窗口 3 暂停"]) expect(maskPersonalDataInText(text)).toBe(text);
  });
});

describe("findPersonalData", () => {
  it("reports a top-level string or number as the field `event`", () => {
    expect(findPersonalData(`电话${MOBILE}`)).toEqual({ field: "event", kind: "mobile" });
    expect(findPersonalData(13912345678)).toEqual({ field: "event", kind: "mobile" });
  });

  it("finds a JSON number holding a mobile number", () => {
    expect(findPersonalData({ id: "e1", phone: 13912345678 })).toEqual({ field: "phone", kind: "mobile" });
  });

  it("finds a bigint holding a mobile number", () => {
    expect(findPersonalData({ n: 13912345678n })).toEqual({ field: "n", kind: "mobile" });
  });

  it("reports the dotted path of a nested field", () => {
    const value = { type: "service.completed", requestedMaterials: ["户口本", `联系人 ${MOBILE}`] };
    expect(findPersonalData(value)).toEqual({ field: "requestedMaterials.1", kind: "mobile" });
    expect(findPersonalData({ a: { b: [{ c: "x" }, { d: ID_CARD }] } })).toEqual({ field: "a.b.1.d", kind: "id_card" });
  });

  it("reports the index path inside a top-level array", () => {
    expect(findPersonalData(["ok", ["fine", ID_CARD]])).toEqual({ field: "1.1", kind: "id_card" });
  });

  it("finds an identifier used as a key, reporting the key masked", () => {
    expect(findPersonalData({ [MOBILE]: "x" })).toEqual({ field: "***********", kind: "mobile" });
    expect(findPersonalData({ outer: { [`身份证${ID_CARD}`]: 1 } })).toEqual({ field: `outer.身份证${"*".repeat(18)}`, kind: "id_card" });
  });

  it("returns the first hit in document order", () => {
    expect(findPersonalData({ a: "fine", b: ID_CARD, c: MOBILE })).toEqual({ field: "b", kind: "id_card" });
  });

  it("finds nothing in an ordinary event", () => {
    const event = {
      id: "e-000123",
      hallId: "hall-1",
      ts: "2025-03-10T01:00:00.000Z",
      type: "ticket.issued",
      ticketId: "t-42",
      ticketNo: "A023",
      categoryId: "c1",
      channel: "kiosk",
      seq: 12345,
      hash: "a3f13912345678bc",
      ref: `0${MOBILE}`,
      ok: true,
      none: null,
      window: "w-12",
    };
    expect(findPersonalData(event)).toBeNull();
  });

  it("ignores booleans, null and undefined", () => {
    expect(findPersonalData(null)).toBeNull();
    expect(findPersonalData(undefined)).toBeNull();
    expect(findPersonalData(true)).toBeNull();
    expect(findPersonalData({ a: [null, false, undefined] })).toBeNull();
  });

  it("stops looking deeper than 32 levels", () => {
    let deep: unknown = MOBILE;
    for (let i = 0; i < 40; i++) deep = { x: deep };
    expect(findPersonalData(deep)).toBeNull();
    let shallow: unknown = MOBILE;
    for (let i = 0; i < 10; i++) shallow = [shallow];
    expect(findPersonalData(shallow)).toEqual({ field: Array(10).fill("0").join("."), kind: "mobile" });
  });
});

describe("maskPersonalData", () => {
  it("masks strings, keys and numbers in a nested value", () => {
    const value = {
      comment: `电话${MOBILE}`,
      [MOBILE]: "key",
      phone: 13912345678,
      seq: 42,
      nested: [{ id: ID_CARD }, "A023", true, null],
    };
    expect(maskPersonalData(value)).toEqual({
      comment: "电话***********",
      "***********": "key",
      phone: "***********",
      seq: 42,
      nested: [{ id: "*".repeat(18) }, "A023", true, null],
    });
  });

  it("does not change its input", () => {
    const value = { a: [MOBILE] };
    maskPersonalData(value);
    expect(value).toEqual({ a: [MOBILE] });
  });

  it("keeps numbers that are not identifiers as numbers", () => {
    expect(maskPersonalData(12345)).toBe(12345);
    expect(maskPersonalData(3.5)).toBe(3.5);
  });

  it("replaces a value nested deeper than 32 levels", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 40; i++) deep = [deep];
    let cur = maskPersonalData(deep);
    let depth = 0;
    while (Array.isArray(cur)) {
      cur = cur[0];
      depth += 1;
    }
    expect(cur).toBe("[too deep]");
    expect(depth).toBe(33);
  });

  // Random text made of fragments that often sit next to identifiers.
  const fragment = fc.constantFrom(
    MOBILE,
    ID_CARD,
    "11010519491231002x",
    "+86 139 1234 5678",
    "139-1234-5678",
    "8613912345678",
    "电话",
    "身份证",
    "T-",
    "a3f",
    "bc",
    "0",
    "9",
    "X",
    " ",
    "-",
    "+",
    "，",
    "A023",
  );
  const text = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(""));
  const jsonLike: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      text,
      fc.constantFrom(13912345678, 8613912345678, 42, 0),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(text, tie("value"), { maxKeys: 3 }),
    ),
  })).value;

  it("leaves no identifier behind, in text (property)", () => {
    fc.assert(
      fc.property(text, (t) => {
        const masked = maskPersonalDataInText(t);
        expect(personalDataIn(masked)).toBeNull();
        expect(masked).toHaveLength(t.length);
        if (personalDataIn(t) === null) expect(masked).toBe(t);
      }),
      { numRuns: 500 },
    );
  });

  it("leaves no identifier behind, in nested values (property)", () => {
    fc.assert(
      fc.property(jsonLike, (v) => {
        expect(findPersonalData(maskPersonalData(v))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("finds an identifier whenever masking changes something (property)", () => {
    fc.assert(
      fc.property(jsonLike, (v) => {
        const changed = JSON.stringify(maskPersonalData(v)) !== JSON.stringify(v);
        expect(findPersonalData(v) !== null).toBe(changed);
      }),
      { numRuns: 300 },
    );
  });
});
