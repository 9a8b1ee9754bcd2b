// Identifier and text schemas shared by every part of the contract.
import { z } from "zod";

/** Client-made identifiers (event ids, hall, window, category, ticket, device ids). */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export const idSchema = z
  .string({ error: "expected a string" })
  .regex(ID_PATTERN, { error: "must be 1–64 characters of A-Z a-z 0-9 . _ : -" });

/** Half of a UTF-16 surrogate pair without its other half: not Unicode text, and not storable as UTF-8. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text meant for people (names, reasons, comments). Control characters and lone surrogates are refused. */
export function textSchema(max: number) {
  return z
    .string({ error: "expected a string" })
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), {
      error: "must not contain control characters",
    })
    .refine((s) => !LONE_SURROGATE.test(s), { error: "must be valid Unicode text (a lone surrogate)" });
}

/** A ticket number as printed on the slip and called on screens, e.g. "A023". */
export const ticketNoSchema = z
  .string({ error: "expected a string" })
  .regex(/^[A-Za-z0-9-]{1,16}$/, { error: "must be 1–16 characters of A-Z a-z 0-9 -" });
