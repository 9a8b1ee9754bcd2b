// pino, with every place a secret could appear redacted.
import pino from "pino";

export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "hallpulse" },
    redact: {
      paths: ["token", "*.token", "auth.token", "*.auth.token", "headers.authorization", "*.headers.authorization", "adminToken"],
      censor: "[redacted]",
    },
  });
}
