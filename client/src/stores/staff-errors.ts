// Turns a refusal into the text the console shows: the error code's zh/en text, then the server's own
// field and message (so nothing the server said is hidden), e.g. "请求有误（字段 rating 评分）：expected an
// integer 1–5".
import type { AckError } from "../../../contract/index.js";

export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type Has = (key: string) => boolean;

/** A refusal as the console received it: an ack error, a handshake refusal or a network failure. */
export interface ShownError {
  code: AckError["code"] | "network";
  field?: string | undefined;
  message?: string | undefined;
}

export function codeText(t: Translate, has: Has, code: string): string {
  return has(`common.errors.${code}`) ? t(`common.errors.${code}`) : code;
}

export function formatError(t: Translate, has: Has, error: ShownError): string {
  const code = codeText(t, has, error.code);
  // The server's message starts with the field ("rating: expected …"); say the field once.
  const message = (error.field && error.message?.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message)?.trim();
  if (error.field) {
    const name = has(`staff.fields.${error.field}`) ? t(`staff.fields.${error.field}`) : error.field;
    const label = name === error.field ? error.field : `${error.field} ${name}`;
    return t("staff.error.withField", { code, field: label, message: message || code });
  }
  return message ? t("staff.error.plain", { code, message }) : t("staff.error.codeOnly", { code });
}
