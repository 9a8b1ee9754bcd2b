// Token guessing against the real server process (abuse-limits-fixture.ts, issue #7), with a small budget of
// failed authentications (RATE_AUTH_FAILURES=20/4s): failures from one address, over REST and handshakes
// alike, are answered 429 for the rest of the window, also to a correct new token, while tokens already
// used from that address go on; after the window the new token works.
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../contract/index.js";
import { connectDisplay } from "../helpers/display-client.js";
import { testHall } from "../helpers/hall-fixture.js";
import { admin, displays, handshake, healthy, server, setUpAbuseServer, sleep } from "./abuse-limits-fixture.js";

setUpAbuseServer({ env: { RATE_AUTH_FAILURES: "20/4s" } });

describe("token guessing (RATE_AUTH_FAILURES=20/4s)", () => {
  const WINDOW_MS = 4000;

  it("answers 429 after 20 failures from one address — also to a correct new token — until the window is over; tokens already used from there go on", async () => {
    const hallId = "guess";
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const display = (await admin.createToken({ role: "display", hallId })).body.token;
    const fresh = (await admin.createToken({ role: "device", hallId })).body.token;
    const wall = await connectDisplay({ url: server.url, token: display, hallId });
    displays.push(wall);

    // Guessing, over REST and handshakes alike.
    const started = performance.now();
    const answers: number[] = [];
    for (let i = 0; i < 15; i++) answers.push((await admin.as(`hp_guess-${i}-${"0".repeat(40)}`).request("GET", "/api/me")).status);
    const handshakes: string[] = [];
    for (let i = 0; i < 5; i++) handshakes.push((await handshake(server.url, { token: `hp_guess-socket-${i}` })).code);
    expect(answers).toEqual(Array(15).fill(401));
    expect(handshakes).toEqual(Array(5).fill("unauthorized"));

    // The 21st failure, and a correct token never used from here: 429 with Retry-After.
    const res = await fetch(`${server.url}/api/me`, { headers: { authorization: "Bearer hp_one-more-guess" } });
    expect(res.status).toBe(429);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.retryAfterMs).toBeGreaterThan(0);
    expect(body.error.retryAfterMs).toBeLessThanOrEqual(WINDOW_MS);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const correctButNew = await admin.as(fresh).request<ErrorBody>("GET", "/api/me");
    expect(correctButNew.status).toBe(429);
    expect(correctButNew.body.error.code).toBe("rate_limited");
    const socketRefusal = await handshake(server.url, { token: fresh });
    expect(socketRefusal.code).toBe("rate_limited");
    expect(socketRefusal.retryAfterMs).toBeGreaterThan(0);
    expect((await handshake(server.url, { token: "hp_guess-socket-x" })).code).toBe("rate_limited");

    // The admin, which authenticated from here before the guessing, is not locked out; the wall stays.
    expect((await admin.request("GET", "/api/me")).status).toBe(200);
    expect(wall.connected).toBe(true);
    expect(performance.now() - started).toBeLessThan(WINDOW_MS); // still inside the window: the 429s above were the block

    // After the window the correct new token works, over REST and socket.io; a wrong one gets 401 again.
    await sleep((body.error.retryAfterMs ?? WINDOW_MS) + 200);
    expect((await admin.as(fresh).request("GET", "/api/me")).status).toBe(200);
    expect((await handshake(server.url, { token: fresh })).code).toBe("connected");
    expect((await admin.as("hp_another-guess").request("GET", "/api/me")).status).toBe(401);
    await healthy(server);
  });
});
