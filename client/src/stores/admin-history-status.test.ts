// The history computation: polled while days are pending (in the background), the progress over the
// computation, `finished` when it ends; the rebuild (admin only) with its progress; polling stops with the
// page.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { installHistoryRoutes, type HistoryFake } from "../views/admin/history/history-fake.js";
import { POLL_MS, useHistoryStatusStore } from "./admin-history-status.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
let fake: HistoryFake;
const statusCalls = () => api.callsTo("GET", "/api/halls/h1/history/status").length;
const step = (pendingDays: number, running: string | null = null, failed = 0) => ({ pendingDays, running, completed: 0, failed, fromLiveFacts: 0 });

beforeEach(() => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  fake = installHistoryRoutes(api);
  vi.useFakeTimers();
});
afterEach(() => {
  useHistoryStatusStore().stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("history status", () => {
  it("polls while days are pending, shows the progress, and says when it is done", async () => {
    await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
    fake.statusSteps = [step(4, "2026-11-19"), step(3, "2026-11-20"), step(1, "2026-11-24", 1)];
    fake.status = step(0);
    const status = useHistoryStatusStore();
    await status.start("h1");
    expect(status.computing).toBe(true);
    expect(status.total).toBe(4);
    expect(status.progress).toBe(0);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(status.done).toBe(1);
    expect(status.status?.running).toBe("2026-11-20");
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(status.progress).toBe(0.75);
    expect(status.failedNow).toBe(1);
    expect(status.finished).toBe(0);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(status.computing).toBe(false);
    expect(status.finished).toBe(1);
    expect(status.justFinished).toBe(true);
    const calls = statusCalls();
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(statusCalls()).toBe(calls); // nothing pending: no more polling
  });

  it("stops polling when the page closes", async () => {
    await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
    fake.status = step(5);
    const status = useHistoryStatusStore();
    await status.start("h1");
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(statusCalls()).toBe(3);
    status.stop();
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(statusCalls()).toBe(3);
  });

  it("lets an admin rebuild: 202, then the progress from the status route until done", async () => {
    await useAdminSession().signIn(api.principal("adm", "admin", "h1"));
    fake.markedDays = 10;
    const status = useHistoryStatusStore();
    await status.start("h1");
    expect(status.computing).toBe(false);
    fake.statusSteps = [step(7, "2026-11-04"), step(2, "2026-11-20")];
    expect(await status.rebuild()).toBe(true);
    const post = api.callsTo("POST", "/api/halls/h1/history/rebuild")[0]!;
    expect(post.token).toBe("adm");
    expect(status.rebuilding).toBe(true);
    expect(status.marked).toBe(10);
    expect(status.total).toBe(10);
    expect(status.progress).toBe(0);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(status.progress).toBeCloseTo(0.3);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(status.progress).toBeCloseTo(0.8);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(status.rebuilding).toBe(false);
    expect(status.finished).toBe(1);
  });

  it("keeps a refused rebuild's error (a manager's token)", async () => {
    await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
    const status = useHistoryStatusStore();
    await status.start("h1");
    expect(await status.rebuild()).toBe(false);
    expect(status.rebuildError?.code).toBe("forbidden");
    expect(status.rebuilding).toBe(false);
  });
});
