// Parses a request part with a zod schema, answering 400 with the failing field.
import type { z } from "zod";
import { describeIssue } from "../../app/parse-event.js";
import { ID_PATTERN } from "../../../contract/index.js";
import { badRequest } from "./http-error.js";

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { field, message } = describeIssue(result.error.issues[0], input);
  throw badRequest(field, message);
}

export function idParam(value: unknown, name: string): string {
  if (typeof value !== "string" || !ID_PATTERN.test(value)) throw badRequest(name, "must be 1–64 characters of A-Z a-z 0-9 . _ : -");
  return value;
}
