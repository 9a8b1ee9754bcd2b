import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["contract/**/*.test.ts", "server/**/*.test.ts", "simulator/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          // A guard against hangs, not a speed target (those are in `npm run bench`): property tests that take
          // 1–2 s on a quiet box took over 5 s (the default) while the box ran other work.
          testTimeout: 15_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: "client",
          include: ["client/src/**/*.test.ts"],
          environment: "happy-dom",
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.int.test.ts", "server/**/*.int.test.ts"],
          exclude: ["test/integration/postgres/**", "node_modules/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Issue #11: the core's integration tests again, every server on PostgreSQL (HALLPULSE_TEST_DATABASE).
        test: {
          name: "integration-pg",
          include: [
            "test/integration/{abuse-limits.flood,abuse-limits.oversized,abuse-limits.token-guessing,authz-matrix.coverage,authz-matrix.rest,authz-matrix.sockets,consistency-api.calendar,consistency-api.demo-hall,consistency-api.department-mismatch,consistency-live,display-feed.reconnection,display-feed.updates,floor-live,floor-quality-api,floor-warning,followups-api.backfill,followups-api.concurrency,followups-api.lifecycle,fuzz,halls-api,headers-origin,heartbeat-live,history-api.access,history-api.figures,history-api.groupings,history-api.idle-priority,history-api.rebuild,history-api.today,ingest-http.personal-data,ingest-http.refusals,ingest-http.results,ingest-socket.events,ingest-socket.handshake,items-api.access,items-api.validation,items-api.versions,load-api.live,load-api.order,load-api.range,overview-api,privacy-scan,public-api,public-load,staff-socket.actions,staff-socket.call-next,staff-socket.connection,staffing-api.access,staffing-api.figures,tokens-api.issuing,tokens-api.matrix,tokens-api.revoking}.int.test.ts",
          ],
          environment: "node",
          env: { HALLPULSE_TEST_DATABASE: "postgres" },
          globalSetup: ["test/integration-pg.setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Issue #11: the PostgreSQL adapters and the clusters (two nodes, Redis, nginx), each file starting
        // what it needs. Its own project so that CI runs it in the stream that has room (test-all.sh).
        test: {
          name: "postgres",
          include: ["test/integration/postgres/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
