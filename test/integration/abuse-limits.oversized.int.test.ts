// Oversized messages against the real server process (abuse-limits-fixture.ts, issue #7): HTTP bodies over
// their limits are answered 413 and a socket frame over maxHttpBufferSize closes that socket, while the
// largest valid batch of the contract and a big hall's configuration still pass and the server stays up.
import { beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody, HallConfig, HallEvent } from "../../contract/index.js";
import { DEFAULT_MAX_INGEST_MESSAGE_BYTES, DEFAULT_MAX_SOCKET_MESSAGE_BYTES } from "../../server/adapters/limits.js";
import { testHall } from "../helpers/hall-fixture.js";
import { admin, healthy, issued, openIngest, sendMany, sendOne, server, setUpAbuseServer } from "./abuse-limits-fixture.js";

setUpAbuseServer();

describe("with the default limits", () => {
  describe("oversized messages", () => {
    // The largest valid event of the contract: every id at 64 characters, 50 requested materials of 100
    // CJK characters (limits.ts measures it at 15,671 bytes; 500 of them ≈ 7.8 MB).
    const LONG_HALL = `h${"x".repeat(63)}`;
    const LONG_WINDOW = `w${"x".repeat(63)}`;
    const maxEvent = (i: number): HallEvent =>
      ({
        id: `${String(i).padStart(6, "0")}${"e".repeat(58)}`,
        hallId: LONG_HALL,
        ts: new Date(Date.now() - 3_600_000 + i).toISOString().replace("Z", "+00:00"),
        deviceId: `d${"x".repeat(63)}`,
        seq: Number.MAX_SAFE_INTEGER - i,
        type: "service.completed",
        ticketId: `${String(i).padStart(6, "0")}${"t".repeat(58)}`,
        windowId: LONG_WINDOW,
        outcome: "needs_materials",
        requestedMaterials: Array.from({ length: 50 }, (_, k) => `${"材".repeat(99)}${String.fromCharCode(0x4e00 + k)}`),
      }) as HallEvent;

    beforeAll(async () => {
      const hall: HallConfig = {
        ...testHall,
        windows: [...testHall.windows, { id: LONG_WINDOW, name: "最长的窗口", department: "测试", categories: ["social"] }],
      };
      expect((await admin.putHall(LONG_HALL, hall)).status).toBe(201);
    });

    it("accepts a 500-event batch of maximal events over HTTP and a full batch over /ingest, and answers 413 over the limit while staying up", async () => {
      const batch = Array.from({ length: 500 }, (_, i) => maxEvent(i));
      const body = JSON.stringify(batch);
      expect(body.length).toBeGreaterThan(0);
      const bytes = Buffer.byteLength(body);
      expect(bytes).toBeGreaterThan(7_000_000);
      expect(bytes).toBeLessThan(DEFAULT_MAX_INGEST_MESSAGE_BYTES);

      const ok = await admin.postEvents(LONG_HALL, body);
      expect(ok.status).toBe(200);
      expect(ok.body.results).toHaveLength(500);
      expect(ok.body.results.filter((r) => r.status !== "accepted")).toEqual([]);

      // Over /ingest the frame limit is smaller (it applies before authentication): a full batch of 500
      // events with a few requested materials each — far larger than real ones — fits and is accepted.
      const socket = await openIngest(server.url, { token: server.adminToken, hallId: LONG_HALL });
      const realistic = batch.map((e, i) => ({
        ...e,
        id: `${String(i).padStart(6, "0")}${"s".repeat(58)}`,
        requestedMaterials: (e as { requestedMaterials: string[] }).requestedMaterials.slice(0, 3).map((m) => m.slice(0, 20)),
      }));
      const socketBytes = Buffer.byteLength(JSON.stringify(realistic));
      expect(socketBytes).toBeGreaterThan(256 * 1024);
      expect(socketBytes).toBeLessThan(DEFAULT_MAX_SOCKET_MESSAGE_BYTES);
      const ack = await sendMany(socket, realistic);
      expect(ack.ok).toBe(true);
      if (ack.ok) expect(ack.data.results.filter((r) => r.status !== "accepted")).toEqual([]);
      expect(socket.connected).toBe(true);

      // One byte class over the limit: 413 payload_too_large, nothing stored, the server carries on.
      const over = `[${JSON.stringify(maxEvent(9999))}${" ".repeat(DEFAULT_MAX_INGEST_MESSAGE_BYTES)}]`;
      const refused = await admin.request<ErrorBody>("POST", `/api/halls/${LONG_HALL}/events`, over);
      expect(refused.status).toBe(413);
      expect(refused.body.error.code).toBe("payload_too_large");
      await healthy(server);
    });

    it("answers 413 for other bodies over their (small) limits, but takes a big hall's configuration", async () => {
      const token = await admin.request<ErrorBody>("POST", "/api/tokens", { role: "display", hallId: "in-a", label: "x".repeat(20_000) });
      expect(token.status).toBe(413);
      expect(token.body.error.code).toBe("payload_too_large");

      // 200 windows, 100 categories, 2,000 item codes: ~120 KB, accepted.
      const categories = Array.from({ length: 100 }, (_, i) => ({
        id: `cat-${i}`,
        name: `类别${"政".repeat(18)}`,
        itemCodes: Array.from({ length: 20 }, (_, j) => `11330110002501779X${String(i * 100 + j).padStart(13, "0")}`),
      }));
      const windows = Array.from({ length: 200 }, (_, i) => ({
        id: `window-${i}`,
        name: `${i + 1}号窗口${"窗".repeat(6)}`,
        department: `部门${"门".repeat(18)}`,
        categories: Array.from({ length: 5 }, (_, j) => `cat-${(i + j) % 100}`),
      }));
      const big = { ...testHall, name: "大型政务服务中心", categories, windows };
      expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(100_000);
      const put = await admin.putHall("big-hall", big);
      expect(put.status).toBe(201);

      const tooBig = await admin.request<ErrorBody>("PUT", "/api/halls/big-hall", JSON.stringify(big) + " ".repeat(600 * 1024));
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe("payload_too_large");
      await healthy(server);
    });

    it("closes a socket that sends a frame over maxHttpBufferSize; other sockets and the server carry on", async () => {
      const hallId = "in-a";
      expect((await admin.putHall(hallId, testHall)).status).toBe(201);
      const bystander = await openIngest(server.url, { token: server.adminToken, hallId });
      const offender = await openIngest(server.url, { token: server.adminToken, hallId });
      const closed = new Promise<string>((resolve) => offender.once("disconnect", (reason) => resolve(reason)));
      const lost = sendOne(offender, { junk: "x".repeat(DEFAULT_MAX_SOCKET_MESSAGE_BYTES + 1024) }).then(
        () => "acked",
        () => "no ack",
      );
      expect(await closed).toMatch(/transport (close|error)/);
      expect(await lost).toBe("no ack");

      expect(bystander.connected).toBe(true);
      const ack = await sendOne(bystander, issued(hallId, "bystander-1", Date.now() - 60_000));
      expect(ack).toEqual({ ok: true, data: { id: "bystander-1", status: "accepted" } });
      await healthy(server);
    });
  });
});
