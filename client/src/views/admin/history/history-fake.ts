// Test support for the allocation review pages: the history, status, rebuild, heatmap and monthly report
// routes added to the admin pages' FakeApi through its `extraRoutes` (with the contract's roles: admin and
// manager read, only an admin rebuilds), and a chart stand-in that records the options it is given and
// answers `dataUrl()` like BaseChart. Used by tests only.
import { mount } from "@vue/test-utils";
import { defineComponent, h, type Component, type PropType } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import type { HeatmapResponse, HistoryGroup, HistoryRow, HistoryStatus, MonthlyReport, PriorityWaitSummary } from "../../../../../contract/index.js";
import { i18n, setLocale } from "../../../i18n/index.js";
import { useHallConfigStore } from "../../../stores/admin-hall-config.js";
import { useAdminSession } from "../../../stores/admin-session.js";
import { freshPinia, settle, type FakeApi } from "../testing/fake-api.js";

export const XSS = "<img src=x onerror=alert(1)>";

export const hrow = (key: string | number, over: Partial<HistoryRow> = {}): HistoryRow => ({
  key,
  arrivals: 40,
  served: 36,
  noShows: 2,
  utilization: 0.625,
  waitP50Seconds: 605,
  waitP90Seconds: 1510,
  waitMaxSeconds: 2700,
  withinTargetShare: 0.8125,
  avgHandleSeconds: 432,
  ratingAvg: 4.64,
  poorRatings: 1,
  ...over,
});

export interface HistoryFake {
  rows: Partial<Record<HistoryGroup, HistoryRow[]>>;
  imbalance: { day: string; cv: number }[];
  status: HistoryStatus;
  /** Status answers to give in turn (then `status` again): a computation making progress. */
  statusSteps: HistoryStatus[];
  markedDays: number;
  heatmaps: { arrivals: HeatmapResponse; utilization: HeatmapResponse };
  reports: Record<string, MonthlyReport>;
  csv: string;
  /** Issue #9: GET …/history's priorityWaits (absent: not sent, as an older server). */
  priorityWaits?: PriorityWaitSummary[];
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function historyFake(): HistoryFake {
  return {
    rows: {
      window: [hrow("w1"), hrow("w2", { arrivals: 12, served: 11, utilization: 0.31, waitP50Seconds: 65, waitP90Seconds: 200, waitMaxSeconds: 400, withinTargetShare: 1, ratingAvg: 5, poorRatings: 0 }), hrow("w3", { arrivals: 0, served: 0, noShows: 0, utilization: 0, waitP50Seconds: null, waitP90Seconds: null, waitMaxSeconds: null, withinTargetShare: null, avgHandleSeconds: null, ratingAvg: null, poorRatings: 0 })],
      department: [hrow("人社局"), hrow("自然资源局", { served: 5 })],
      category: [hrow("social"), hrow("estate", { served: 20 })],
      hour: [hrow(9), hrow(10, { served: 50 })],
      weekday: [hrow(1), hrow(5, { served: 22 })],
      day: [hrow("2026-11-19"), hrow("2026-11-20")],
    },
    imbalance: [
      { day: "2026-11-19", cv: 0.42 },
      { day: "2026-11-20", cv: 0.31 },
    ],
    status: { pendingDays: 0, running: null, completed: 10, failed: 0, fromLiveFacts: 0 },
    statusSteps: [],
    markedDays: 4,
    heatmaps: {
      arrivals: { kind: "arrivals", rows: [1, 2, 3, 4, 5, 6, 7], hours: HOURS, cells: [1, 2, 3, 4, 5, 6, 7].map((d) => HOURS.map((h) => (d < 6 && h >= 9 && h < 17 ? 10 + h : 0))) },
      utilization: { kind: "utilization", rows: ["w1", "w2", "w3"], hours: HOURS, cells: [0, 1, 2].map((w) => HOURS.map((h) => (w < 2 && h >= 9 && h < 17 ? 0.5 + w * 0.2 : null))) },
    },
    reports: {},
    csv: "\uFEFFkey,arrivals\r\nw1,40\r\n",
  };
}

const forbidden = { status: 403, body: { error: { code: "forbidden", message: "forbidden" } } };

/** Adds the routes to `api`; returns the fake's state, which tests change as they go. */
export function installHistoryRoutes(api: FakeApi, fake: HistoryFake = historyFake()): HistoryFake {
  api.extraRoutes.push((method, url, me) => {
    const m = /^\/api\/halls\/([^/]+)\/(history(?:\/status|\/rebuild)?|heatmap|report\/monthly)$/.exec(url.pathname);
    if (!m) return null;
    if ((me.hallId !== null && me.hallId !== m[1]) || (me.role !== "admin" && me.role !== "manager")) return forbidden;
    const route = m[2];
    const format = url.searchParams.get("format");
    if (route === "history/status") return { status: 200, body: fake.statusSteps.shift() ?? fake.status };
    if (route === "history/rebuild") {
      if (method !== "POST") return null;
      if (me.role !== "admin") return forbidden;
      return { status: 202, body: { markedDays: fake.markedDays, ...fake.status, pendingDays: fake.markedDays } };
    }
    if (route === "history") {
      if (format === "csv") return { status: 200, text: fake.csv, type: "text/csv; charset=utf-8" };
      if (format === "xlsx") return { status: 200, text: "PK-xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
      const groupBy = (url.searchParams.get("groupBy") ?? "day") as HistoryGroup;
      return { status: 200, body: { from: url.searchParams.get("from"), to: url.searchParams.get("to"), groupBy, rows: fake.rows[groupBy] ?? [], imbalance: fake.imbalance, pendingDays: fake.status.pendingDays, ...(fake.priorityWaits ? { priorityWaits: fake.priorityWaits } : {}) } };
    }
    if (route === "heatmap") return { status: 200, body: url.searchParams.get("kind") === "utilization" ? fake.heatmaps.utilization : fake.heatmaps.arrivals };
    const month = url.searchParams.get("month") ?? "";
    if (format === "csv") return { status: 200, text: "\uFEFFlevel,key\r\n", type: "text/csv; charset=utf-8" };
    if (format === "xlsx") return { status: 200, text: "PK-xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    const report = fake.reports[month];
    const [y, mo] = month.split("-").map(Number) as [number, number];
    const previousMonth = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, "0")}`;
    return { status: 200, body: report ?? { month, previousMonth, windows: [], departments: [], lastTwoMonthsRunning: [] } };
  });
  return fake;
}

/** Options each chart stand-in was last given, by its label. */
export const chartOptions = new Map<string, unknown>();

/** Stands in for BaseChart (no canvas in happy-dom): records its option, answers dataUrl(). */
export const ChartStub = defineComponent({
  name: "BaseChart",
  props: { option: { type: Object as PropType<Record<string, unknown>>, required: true }, label: { type: String, required: true } },
  setup(props, { expose }) {
    expose({ dataUrl: () => `data:image/png;base64,${btoa(props.label.length.toString())}` });
    return () => {
      chartOptions.set(props.label, props.option);
      return h("div", { class: "chart-stub", "data-label": props.label });
    };
  },
});

/**
 * Mounts a page as mountAdmin does (pinia, i18n zh-CN, a memory router, signed in with `token` and the
 * hall's configuration loaded) with ChartStub for BaseChart.
 */
export async function mountWithCharts(component: Component, path: string, token: string) {
  setLocale("zh-CN");
  chartOptions.clear();
  const pinia = freshPinia();
  const Empty = { render: () => null };
  const router = createRouter({ history: createMemoryHistory(), routes: ["/admin/history", "/admin/report", "/admin/config"].map((p) => ({ path: p, component: Empty })) });
  await router.push(path);
  const session = useAdminSession();
  await session.signIn(token);
  if (session.hallId) await useHallConfigStore().load(session.hallId);
  const wrapper = mount(component, { global: { plugins: [pinia, i18n, router], stubs: { BaseChart: ChartStub } }, attachTo: document.body });
  await settle();
  return { wrapper, pinia, router };
}
