// Tests of decoding imported lists: UTF-8 with and without BOM, GBK files read as GB18030, explicit encodings.
import fs from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, textEncodingOf } from "./decode-text.js";

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/items/${name}`, import.meta.url));
const HEADER = "事项编码,事项名称,实施部门";

describe("decodeText", () => {
  it("reads the UTF-8 fixture with BOM as UTF-8 and drops the BOM", () => {
    const r = decodeText(fixture("utf8-bom.csv"));
    expect(r.ok && r.encoding).toBe("utf-8");
    expect(r.ok && r.text.startsWith(HEADER)).toBe(true);
  });

  it("reads the GBK fixture: not valid UTF-8, so GB18030", () => {
    const bytes = fixture("gbk.csv");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const r = decodeText(bytes);
    expect(r.ok && r.encoding).toBe("gb18030");
    expect(r.ok && r.text.startsWith(HEADER)).toBe(true);
    expect(r.ok && r.text).toContain("国有建设用地使用权及房屋所有权转移登记");
  });

  it("reads UTF-8 without BOM as UTF-8", () => {
    expect(decodeText(Buffer.from("事项编码\n户口迁移", "utf8"))).toEqual({ ok: true, text: "事项编码\n户口迁移", encoding: "utf-8" });
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: "", encoding: "utf-8" });
  });

  it("lets an explicit GBK or GB18030 win", () => {
    const gbk = iconv.encode("户口迁移", "gbk");
    expect(decodeText(gbk, "gbk")).toEqual({ ok: true, text: "户口迁移", encoding: "gbk" });
    expect(decodeText(gbk, "gb18030")).toEqual({ ok: true, text: "户口迁移", encoding: "gb18030" });
    // ASCII is valid in both; the explicit choice is what is reported.
    expect(decodeText(Buffer.from("code,name"), "gbk")).toEqual({ ok: true, text: "code,name", encoding: "gbk" });
  });

  it("refuses bytes that are not UTF-8 under an explicit utf-8, instead of inventing replacement characters", () => {
    expect(decodeText(iconv.encode("户口迁移", "gbk"), "utf-8")).toEqual({ ok: false, message: "the file is not valid UTF-8 (is it GBK? choose the GBK encoding)" });
  });

  it("lets a UTF-8 BOM win over an explicit GBK", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("户口迁移")]);
    expect(decodeText(bytes, "gbk")).toEqual({ ok: true, text: "户口迁移", encoding: "utf-8" });
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0xff]))).toEqual({ ok: false, message: "the file starts with a UTF-8 byte-order mark but is not valid UTF-8" });
  });

  it("reads UTF-16 with its BOM (Excel's Unicode text)", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("事项编码\t名称", "utf16le")]);
    expect(decodeText(le)).toEqual({ ok: true, text: "事项编码\t名称", encoding: "utf-16le" });
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("编码", "utf16le").swap16()]));
    expect(decodeText(be)).toEqual({ ok: true, text: "编码", encoding: "utf-16be" });
  });

  it("decodes a GB18030 four-byte character", () => {
    const bytes = iconv.encode("𠀀事项", "gb18030");
    expect(decodeText(bytes)).toEqual({ ok: true, text: "𠀀事项", encoding: "gb18030" });
  });
});

describe("textEncodingOf", () => {
  it("knows the usual names and nothing else", () => {
    expect(textEncodingOf("UTF-8")).toBe("utf-8");
    expect(textEncodingOf("utf8")).toBe("utf-8");
    expect(textEncodingOf("GBK")).toBe("gbk");
    expect(textEncodingOf("gb2312")).toBe("gbk");
    expect(textEncodingOf("CP936")).toBe("gbk");
    expect(textEncodingOf(" GB18030 ")).toBe("gb18030");
    expect(textEncodingOf("big5")).toBeNull();
    expect(textEncodingOf("")).toBeNull();
  });
});
