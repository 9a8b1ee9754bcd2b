// pino, with every place a secret could appear redacted: bearer tokens in headers, handshake auth,
// request bodies (token creation answers carry a fresh secret) and our own records.
import pino, { type DestinationStream } from "pino";

export const REDACTED_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "secret",
  "*.secret",
  "adminToken",
  "*.adminToken",
  "auth.token",
  "*.auth.token",
  "handshake.auth.token",
  "*.handshake.auth.token",
  "headers.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
];

export function createLogger(level: string, destination?: DestinationStream) {
  const options = { level, base: { service: "hallpulse" }, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
