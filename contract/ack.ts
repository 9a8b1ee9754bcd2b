// The one reply shape for every socket acknowledgement, and the error shape of every HTTP error body.
export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "payload_too_large",
  "conflict",
  "rate_limited",
  "storage_unavailable",
  "not_ready",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  code: ErrorCode;
  /** The failing field's path when one field is to blame, e.g. "windows.2.categories.0". */
  field?: string;
  message: string;
  /** With `rate_limited`: milliseconds until the sender may try again (HTTP also sends `Retry-After`). */
  retryAfterMs?: number;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** HTTP error bodies: `{ error: { code, field?, message } }`. */
export interface ErrorBody {
  error: AckError;
}
