// The origin rule shared by socket.io handshakes and state-changing API requests, and ALLOWED_ORIGINS.
import { describe, expect, it } from "vitest";
import { readConfig } from "../../config.js";
import { isAllowedOrigin, normalizeOrigin, SAME_ORIGIN_ONLY } from "./origin-check.js";

const allowed = (origin: string | undefined, host: string | undefined, list: string[] = []) => isAllowedOrigin(origin, host, { allowedOrigins: list });

describe("isAllowedOrigin", () => {
  it("lets requests without Origin through (devices, node clients, curl: not browsers)", () => {
    expect(allowed(undefined, "hall.example:3000")).toBe(true);
    expect(allowed(undefined, undefined)).toBe(true);
  });

  it("allows the server's own origin: the same host and port as the Host header", () => {
    expect(allowed("http://127.0.0.1:3000", "127.0.0.1:3000")).toBe(true);
    expect(allowed("http://HALL.example:3000", "hall.example:3000")).toBe(true);
    expect(allowed("http://[::1]:3000", "[::1]:3000")).toBe(true);
    // Default ports, written or not.
    expect(allowed("https://hall.example", "hall.example")).toBe(true);
    expect(allowed("https://hall.example", "hall.example:443")).toBe(true);
    expect(allowed("http://hall.example:80", "hall.example")).toBe(true);
    // Behind a TLS-terminating proxy that passes the Host header on, the scheme differs: still the same site.
    expect(allowed("https://hall.example", "hall.example:443")).toBe(true);
  });

  it("refuses every other origin", () => {
    expect(allowed("http://evil.example:3000", "127.0.0.1:3000")).toBe(false);
    expect(allowed("http://127.0.0.1:3001", "127.0.0.1:3000")).toBe(false);
    expect(allowed("http://localhost:3000", "127.0.0.1:3000")).toBe(false);
    expect(allowed("http://hall.example.evil.example", "hall.example")).toBe(false);
    expect(allowed("null", "127.0.0.1:3000")).toBe(false); // sandboxed frames, file: pages
    expect(allowed("not a url", "127.0.0.1:3000")).toBe(false);
    expect(allowed("chrome-extension://abc", "127.0.0.1:3000")).toBe(false);
    expect(allowed("http://127.0.0.1:3000", undefined)).toBe(false);
    expect(allowed("http://127.0.0.1:3000", "127.0.0.1:3000/x")).toBe(false);
  });

  it("allows the listed origins, exactly (scheme, host and port)", () => {
    const list = ["https://wall.example.gov.cn", "http://10.0.0.5:8080"];
    expect(allowed("https://wall.example.gov.cn", "127.0.0.1:3000", list)).toBe(true);
    expect(allowed("https://WALL.example.gov.cn:443", "127.0.0.1:3000", list)).toBe(true);
    expect(allowed("http://10.0.0.5:8080", "127.0.0.1:3000", list)).toBe(true);
    expect(allowed("http://wall.example.gov.cn", "127.0.0.1:3000", list)).toBe(false);
    expect(allowed("http://10.0.0.5:8081", "127.0.0.1:3000", list)).toBe(false);
    expect(isAllowedOrigin("https://wall.example.gov.cn", "127.0.0.1:3000", SAME_ORIGIN_ONLY)).toBe(false);
  });
});

describe("ALLOWED_ORIGINS", () => {
  it("normalizes origins and refuses anything that is not one", () => {
    expect(normalizeOrigin("https://Wall.Example.gov.cn:443/")).toBe("https://wall.example.gov.cn");
    expect(normalizeOrigin("https://wall.example.gov.cn/path")).toBeNull();
    expect(normalizeOrigin("wall.example.gov.cn")).toBeNull();
    expect(normalizeOrigin("*")).toBeNull();
  });

  it("is read from the environment, comma-separated; empty means the server's own origin only", () => {
    expect(readConfig({}).allowedOrigins).toEqual([]);
    expect(readConfig({ ALLOWED_ORIGINS: "" }).allowedOrigins).toEqual([]);
    expect(readConfig({ ALLOWED_ORIGINS: " https://wall.example.gov.cn , http://10.0.0.5:8080/ " }).allowedOrigins).toEqual(["https://wall.example.gov.cn", "http://10.0.0.5:8080"]);
    expect(() => readConfig({ ALLOWED_ORIGINS: "https://ok.example,*" })).toThrow(/ALLOWED_ORIGINS/);
  });
});
