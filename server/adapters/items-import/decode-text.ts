// Bytes of an imported list → text: a BOM decides, then an explicit encoding, then strict UTF-8 with GB18030 (GBK's superset) as the fallback.
import iconv from "iconv-lite";

export const TEXT_ENCODINGS = ["utf-8", "gbk", "gb18030"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export type DecodedEncoding = TextEncoding | "utf-16le" | "utf-16be";

export type Decoded = { ok: true; text: string; encoding: DecodedEncoding } | { ok: false; message: string };

/** Names administrators and HTTP headers use for the encodings we read; unknown names → null. */
export function textEncodingOf(name: string): TextEncoding | null {
  const n = name.trim().toLowerCase().replace(/_/g, "-");
  if (n === "utf-8" || n === "utf8") return "utf-8";
  if (n === "gbk" || n === "gb2312" || n === "cp936" || n === "windows-936" || n === "x-gbk") return "gbk";
  if (n === "gb18030") return "gb18030";
  return null;
}

const strictUtf8 = (bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Decodes a list's bytes. A UTF-8 BOM means UTF-8 whatever `encoding` says (no GBK file starts with one
 * in practice), and a UTF-16 BOM (Excel's "Unicode text") means UTF-16. Otherwise an explicit encoding
 * wins; without one, strict UTF-8, and GB18030 when the bytes are not valid UTF-8. Bytes that are not
 * valid UTF-8 under an explicit "utf-8" are an error rather than text with replacement characters.
 */
export function decodeText(bytes: Uint8Array, encoding?: TextEncoding): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strictUtf8(bytes.subarray(3));
    return text === null ? { ok: false, message: "the file starts with a UTF-8 byte-order mark but is not valid UTF-8" } : { ok: true, text, encoding: "utf-8" };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  if (encoding === "gbk" || encoding === "gb18030") return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding), encoding };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: "utf-8" };
  if (encoding === "utf-8") return { ok: false, message: "the file is not valid UTF-8 (is it GBK? choose the GBK encoding)" };
  return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030"), encoding: "gb18030" };
}
