// 数据质量与预计等待校准: the server's verdict as one sentence, the days in a table judged by the same
// rule, categories by their names on demand; the data-quality rows worst first with their counts, a row
// opened to its issues, windows by name; hostile ids as text; one part failing leaves the other.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defineComponent, h } from "vue";
import type { CalibrationResponse, CalibrationRow, DataQualityResponse, DataQualitySubject } from "../../../../../contract/index.js";
import { setLocale } from "../../../i18n/index.js";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import QualityPage from "./QualityPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
const FakeChart = defineComponent({
  props: { option: { type: Object, required: true }, label: { type: String, required: true } },
  setup: (props) => () => h("div", { class: "fake-chart", "aria-label": props.label }),
});
const row = (day: string, categoryId: string | null, tickets: number, byP80Share: number): CalibrationRow => ({
  day,
  categoryId,
  tickets,
  byP50Share: 0.5,
  byP80Share,
  withinShownShare: 0.6,
  laterThanShownShare: 0.1,
  noEstimate: 2,
  notCalled: 1,
});
const zero = { completed_without_start: 0, call_before_issue: 0, service_on_closed_window: 0, clock_skew: 0, seq_gap: 0, late_event: 0 };
const subject = (id: string, score: number, counts: Partial<typeof zero> = {}, extra: Partial<DataQualitySubject> = {}): DataQualitySubject => ({
  id,
  events: 12,
  score,
  grade: score >= 90 ? "trusted" : score >= 70 ? "check" : "distrust",
  counts: { ...zero, ...counts },
  missing: 0,
  skewMs: null,
  ...extra,
});

let api: FakeApi;
let failCalibration = false;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  failCalibration = false;
  api = new FakeApi().install();
  api.extraRoutes.push((method, url) => {
    if (method !== "GET") return null;
    if (url.pathname === "/api/halls/h1/floor/calibration") {
      if (failCalibration) return { status: 503, body: { error: { code: "storage_unavailable", message: "later" } } };
      const body: CalibrationResponse = {
        from: url.searchParams.get("from") ?? "",
        to: url.searchParams.get("to") ?? "",
        rule: { p80Target: 0.8, p50Target: 0.5, tolerance: 0.08, minTickets: 20 },
        summary: { tickets: 60, byP50Share: 0.5, byP80Share: 0.65, noEstimate: 4, notCalled: 2, verdict: "optimistic" },
        rows: [row("2026-11-24", null, 30, 0.8), row("2026-11-24", "estate", 30, 0.8), row("2026-11-25", null, 30, 0.5)],
      };
      return { status: 200, body };
    }
    if (url.pathname === "/api/halls/h1/floor/data-quality") {
      const body: DataQualityResponse = {
        day: url.searchParams.get("day") ?? "",
        asOf: "2026-11-25T04:00:00.000Z",
        pending: 2,
        devices: [subject(XSS, 30, { completed_without_start: 1, seq_gap: 1 }, { missing: 3 }), subject("k2", 70, { clock_skew: 1 }, { skewMs: -612_000 }), subject("k3", 100)],
        windows: [subject("w3", 55, { service_on_closed_window: 1 })],
        issues: [
          { kind: "completed_without_start", eventId: "e9", deviceId: XSS, windowId: "w3", ts: "2026-11-25T01:30:00.000Z" },
          { kind: "seq_gap", eventId: "e12", relatedEventId: "e10", deviceId: XSS, windowId: "w3", ts: "2026-11-25T01:40:00.000Z", amount: 3 },
          { kind: "clock_skew", eventId: "e20", deviceId: "k2", windowId: null, ts: "2026-11-25T02:00:00.000Z", amount: -612_000 },
        ],
        totalIssues: 250,
        issuesLimit: 200,
      };
      return { status: 200, body };
    }
    return null;
  });
});
afterEach(() => setLocale("zh-CN"));

const mountPage = () => mountAdmin(QualityPage, { token: api.principal("mgr", "manager"), stubs: { BaseChart: FakeChart } as unknown as Record<string, boolean> });

describe("QualityPage", () => {
  it("says in one sentence that the screen is optimistic, and lists the days judged by the same rule", async () => {
    const { wrapper } = await mountPage();
    expect(api.callsTo("GET", "/api/halls/h1/floor/calibration")).toHaveLength(1);
    const verdict = wrapper.get('[data-test="verdict"]');
    expect(verdict.attributes("data-verdict")).toBe("optimistic");
    expect(verdict.text()).toBe("偏乐观，暂不宜完全信任：只有 65% 的群众在预计上限（P80）之前被叫到（目标 80% ±8%），实际等待常比屏幕显示的长。");
    expect(verdict.classes()).toContain("adm-banner-error");
    const table = wrapper.get('[data-test="calibration-table"]');
    expect(table.findAll("tbody tr").map((tr) => tr.attributes("data-day"))).toEqual(["2026-11-24", "2026-11-25"]);
    expect(table.findAll('[data-col="verdict"]').map((v) => v.text())).toEqual(["可信", "偏乐观"]);
    await wrapper.get('[data-test="toggle-categories"]').trigger("click");
    expect(table.get('tr[data-category="estate"]').text()).toContain("不动产登记");
  });

  it("lists devices worst first with their counts, opens a row to its issues, and shows ids as text", async () => {
    const { wrapper } = await mountPage();
    const dq = wrapper.get('[data-test="dq-table"]');
    const rows = dq.findAll("tbody > tr[data-subject]");
    expect(rows.map((r) => r.attributes("data-subject"))).toEqual([XSS, "k2", "k3"]);
    expect(rows[0]?.get("td.name").text()).toBe(XSS);
    expect(document.querySelector("img")).toBeNull();
    expect(rows[0]?.get('[data-col="seq_gap"]').text()).toBe("1 缺 3 条");
    expect(rows[1]?.get('[data-col="clock_skew"]').text()).toBe("1 偏差 -10.2 分钟");
    expect(rows[2]?.text()).toContain("无");
    expect(wrapper.get('[data-test="dq-pending"]').text()).toContain("另有 2 条疑似问题");
    expect(wrapper.get('[data-test="dq-truncated"]').text()).toBe("共 250 条问题，只列出前 3 条；各设备、窗口的计数包含全部问题。");

    await rows[0]?.get('[data-test="dq-toggle"]').trigger("click");
    const issues = wrapper.get('[data-test="dq-issues"]');
    expect(issues.findAll("tbody tr").map((tr) => tr.findAll("td").map((td) => td.text()))).toEqual([
      ["09:30:00", "完成无开始", "e9", ""],
      ["09:40:00", "序号缺失", "e12", "缺 3 条 · 相关事件 e10"],
    ]);

    await wrapper.get('[data-test="dq-tab-window"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="dq-table"]').findAll("td.name").map((td) => td.text())).toEqual(["3号窗口"]);
  });

  it("keeps the data quality on screen when the calibration fails", async () => {
    failCalibration = true;
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-test="calibration-error"]').text()).toContain("无法加载校准结果");
    expect(wrapper.find('[data-test="dq-table"]').exists()).toBe(true);
  });
});
