// The logger never writes a secret: tokens wherever our code could put them are replaced by [redacted].
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger("debug", stream) };
}

const SECRET = "hp_live_8c1f4e0d9a7b6c5d4e3f2a1b";

describe("createLogger", () => {
  it.each([
    ["a token field", { token: SECRET }],
    ["a created token in a body", { body: { token: SECRET } }],
    ["a nested record", { reply: { data: { token: SECRET } } }],
    ["a socket handshake", { handshake: { auth: { token: SECRET } } }],
    ["a socket's auth", { socket: { auth: { token: SECRET } } }],
    ["request headers", { req: { headers: { authorization: `Bearer ${SECRET}`, cookie: `t=${SECRET}` } } }],
    ["the bootstrap admin token", { adminToken: SECRET }],
    ["a secret", { secret: SECRET }],
  ])("redacts %s", (_label, record) => {
    const { lines, logger } = capture();
    logger.info(record, "something happened");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    expect(lines[0]).toContain("[redacted]");
  });

  it("keeps the rest of the record", () => {
    const { lines, logger } = capture();
    logger.warn({ hallId: "hall-1", token: SECRET }, "refused");
    const record = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
    expect(record).toMatchObject({ hallId: "hall-1", token: "[redacted]", msg: "refused", service: "hallpulse" });
  });
});
