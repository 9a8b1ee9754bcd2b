// 差评整改: cases with window names, ratings and states in Chinese, hall times, 暂定 and overdue cases in red
// with 超期; filters → query string; only the moves the state machine allows as buttons, for a manager
// too; a case walked to its end; the server's 409 and the refused note shown as clear messages; the
// report's shares per month and window; everything as text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FollowUpCase, FollowUpState } from "../../../../../contract/index.js";
import { setLocale } from "../../../i18n/index.js";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import FollowUpsPage from "./FollowUpsPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
const fcase = (id: number, over: Partial<FollowUpCase> = {}): FollowUpCase => ({
  id,
  hallId: "h1",
  ticketId: `t${id}`,
  ticketNo: `A00${id}`,
  windowId: "w1",
  itemCode: "SB-001",
  rating: 2,
  evaluatedAt: "2026-11-20T02:05:00.000Z",
  deadline: "2026-12-11",
  provisional: false,
  state: "open",
  history: [{ state: "open", at: "2026-11-20T02:05:01.000Z", note: null, by: null }],
  overdue: false,
  ...over,
});

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  api.followUps = [
    fcase(1),
    fcase(2, {
      windowId: "w2",
      rating: 1,
      itemCode: "BDC-001",
      evaluatedAt: "2026-10-15T16:30:00.000Z",
      deadline: "2026-11-05",
      overdue: true,
      state: "contacted",
      history: [
        { state: "open", at: "2026-10-15T16:30:01.000Z", note: null, by: null },
        { state: "contacted", at: "2026-10-16T01:00:00.000Z", note: XSS, by: XSS },
      ],
    }),
    fcase(3, { windowId: "w3", state: "reviewed", deadline: "2027-01-05", provisional: true }),
    fcase(4, { state: "appealed", ticketNo: null }),
  ];
  api.followUpReport = {
    byMonth: [
      { key: "2026-10", poor: 3, followedUp: 2, onTime: 1, followedUpShare: 2 / 3, onTimeShare: 1 / 3 },
      { key: "2026-11", poor: 1, followedUp: 1, onTime: 1, followedUpShare: 1, onTimeShare: 1 },
    ],
    byWindow: [{ key: "w2", poor: 2, followedUp: 0, onTime: 0, followedUpShare: 0, onTimeShare: 0 }],
  };
});
afterEach(() => {
  vi.unstubAllGlobals();
  setLocale("zh-CN");
});

const mountPage = (role: "admin" | "manager" = "manager") =>
  mountAdmin(FollowUpsPage, { path: "/admin/followups", token: api.principal(role === "admin" ? "adm" : "mgr", role, "h1", null, role === "manager" ? "张科长" : null), stubs: { BaseChart: true } });
const row = (wrapper: Awaited<ReturnType<typeof mountPage>>["wrapper"], id: number) => wrapper.get(`tr[data-case="${id}"]`);
const moves = (wrapper: Awaited<ReturnType<typeof mountPage>>["wrapper"]) => wrapper.findAll("[data-move]").map((b) => b.attributes("data-move"));

describe("FollowUpsPage", () => {
  it("lists the cases overdue first, with window names, ratings, states in Chinese, hall times and 暂定", async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.findAll("tr[data-case]").map((r) => r.attributes("data-case"))).toEqual(["2", "1", "4", "3"]);
    const late = row(wrapper, 2);
    expect(late.get('[data-test="case-ticket"]').text()).toBe("A002");
    expect(late.get('[data-test="case-window"]').text()).toBe("2号窗口");
    expect(late.get('[data-test="case-item"]').text()).toBe("BDC-001");
    expect(late.get('[data-test="case-rating"]').text()).toBe("非常不满意");
    expect(late.get('[data-test="case-evaluated"]').text()).toBe("2026-10-16 00:30"); // 16:30Z in Asia/Shanghai
    expect(late.get('[data-test="case-state"]').text()).toContain("已联系");
    expect(row(wrapper, 1).get('[data-test="case-rating"]').text()).toBe("不满意");
    expect(row(wrapper, 1).get('[data-test="case-state"]').text()).toBe("待处理");
    expect(row(wrapper, 3).get('[data-test="case-state"]').text()).toBe("已复核");
    expect(row(wrapper, 3).get('[data-test="case-window"]').text()).toBe("3号窗口");
    expect(row(wrapper, 3).get('[data-test="provisional"]').text()).toBe("暂定");
    expect(row(wrapper, 1).find('[data-test="provisional"]').exists()).toBe(false);
    expect(row(wrapper, 4).get('[data-test="case-ticket"]').text()).toBe("—");
    expect(row(wrapper, 4).get('[data-test="case-state"]').text()).toBe("申诉中");
    expect(wrapper.get('[data-test="case-count"]').text()).toBe("共 4 件");
  });

  it("marks an overdue case in red with the word 超期", async () => {
    const { wrapper } = await mountPage();
    const late = row(wrapper, 2);
    expect(late.classes()).toContain("overdue");
    expect(late.attributes("data-overdue")).toBe("true");
    expect(late.get('[data-test="overdue"]').text()).toBe("超期");
    expect(late.get('[data-test="overdue"]').classes()).toContain("late");
    expect(row(wrapper, 1).classes()).not.toContain("overdue");
    expect(row(wrapper, 1).find('[data-test="overdue"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="overdue-count"]').text()).toBe("超期 1 件");
    await late.trigger("click");
    expect(wrapper.get('[data-test="detail-overdue"]').text()).toBe("超期");
  });

  it("turns the filters into the query string", async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.findAll('[data-test="filter-state"] option').map((o) => o.text())).toEqual(["全部", "待处理", "已联系", "已整改", "已复核", "申诉中", "申诉成立", "申诉撤回"]);
    expect(wrapper.findAll('[data-test="filter-window"] option').map((o) => o.text())).toEqual(["全部", "1号窗口", "2号窗口", "3号窗口"]);
    await wrapper.get('[data-test="filter-state"]').setValue("contacted");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/followups?state=contacted");
    expect(wrapper.findAll("tr[data-case]")).toHaveLength(1);
    await wrapper.get('[data-test="filter-window"]').setValue("w2");
    await wrapper.get('[data-test="filter-overdue"]').setValue(true);
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/followups?state=contacted&windowId=w2&overdue=true");
    await wrapper.get('[data-test="filter-state"]').setValue("reviewed");
    await settle();
    expect(wrapper.find("tr[data-case]").exists()).toBe(false);
    expect(wrapper.get('[data-test="cases-empty"]').text()).toBe("没有符合条件的整改案件。");
    await wrapper.get('[data-test="filter-reset"]').trigger("click");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/followups");
    expect(wrapper.findAll("tr[data-case]")).toHaveLength(4);
  });

  it("offers only the moves the state machine allows from each state", async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.find('[data-test="detail-placeholder"]').exists()).toBe(true);
    const want: [number, FollowUpState[], string[]][] = [
      [1, ["contacted", "appealed"], ["已联系评价人", "提出申诉"]],
      [2, ["rectified", "appealed"], ["整改完成", "提出申诉"]],
      [4, ["upheld", "withdrawn"], ["申诉成立", "撤回申诉"]],
      [3, [], []],
    ];
    for (const [id, states, labels] of want) {
      await row(wrapper, id).trigger("click");
      expect(moves(wrapper), `case ${id}`).toEqual(states);
      expect(wrapper.findAll("[data-move]").map((b) => b.text())).toEqual(labels);
    }
    expect(wrapper.get('[data-test="case-closed"]').text()).toBe("案件已办结，无需进一步操作。");
    expect(wrapper.find('[data-test="note"]').exists()).toBe(false);
  });

  it("shows an overseer (issue #11) the case and its history, but no move and no note", async () => {
    const { wrapper } = await mountAdmin(FollowUpsPage, { path: "/admin/followups", token: api.principal("ovs", "overseer", null), stubs: { BaseChart: true } });
    await row(wrapper, 1).trigger("click");
    expect(wrapper.get('[data-test="history"]').text()).not.toBe("");
    expect(moves(wrapper)).toEqual([]);
    expect(wrapper.find('[data-test="note"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="moves-read-only"]').text()).toContain("只读 · 省级总览");
    expect(api.calls.filter((c) => c.method !== "GET")).toEqual([]);
  });

  it("shows the history as text: state, hall time, note and who", async () => {
    const { wrapper } = await mountPage();
    await row(wrapper, 2).trigger("click");
    const steps = wrapper.findAll('[data-test="history"] li');
    expect(steps.map((s) => s.attributes("data-step"))).toEqual(["open", "contacted"]);
    expect(steps[0]!.text()).toContain("待处理");
    expect(steps[0]!.text()).toContain("2026-10-16 00:30");
    expect(steps[0]!.get('[data-test="step-note"]').text()).toBe("无备注");
    expect(steps[0]!.get('[data-test="step-by"]').text()).toBe("操作人：系统");
    expect(steps[1]!.text()).toContain("2026-10-16 09:00");
    expect(steps[1]!.get('[data-test="step-note"]').text()).toBe(XSS);
    expect(steps[1]!.get('[data-test="step-by"]').text()).toBe(`操作人：${XSS}`);
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it("lets a manager walk a case open → contacted → rectified → reviewed, with a note", async () => {
    const { wrapper } = await mountPage("manager");
    await row(wrapper, 1).trigger("click");
    await wrapper.get('[data-test="note"]').setValue("已电话联系评价人，说明材料要求");
    await wrapper.get('[data-move="contacted"]').trigger("click");
    await settle();
    expect(api.callsTo("POST", "/api/halls/h1/followups/1/transition")[0]!.body).toEqual({ to: "contacted", note: "已电话联系评价人，说明材料要求" });
    expect(wrapper.get('[data-test="move-done"]').text()).toBe("已更新为“已联系”");
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe("已联系");
    expect((wrapper.get('[data-test="note"]').element as HTMLTextAreaElement).value).toBe("");
    const last = wrapper.findAll('[data-test="history"] li').at(-1)!;
    expect(last.get('[data-test="step-note"]').text()).toBe("已电话联系评价人，说明材料要求");
    expect(last.get('[data-test="step-by"]').text()).toBe("操作人：张科长");
    expect(moves(wrapper)).toEqual(["rectified", "appealed"]);
    await wrapper.get('[data-move="rectified"]').trigger("click");
    await settle();
    await wrapper.get('[data-move="reviewed"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe("已复核");
    expect(moves(wrapper)).toEqual([]);
    expect(row(wrapper, 1).get('[data-test="case-state"]').text()).toBe("已复核");
    expect(api.callsTo("GET", "/api/halls/h1/followups/report").length).toBeGreaterThanOrEqual(4);
  });

  it("shows the server's 409 as a clear message and the case as it now is", async () => {
    const { wrapper } = await mountPage("admin");
    await row(wrapper, 1).trigger("click");
    api.followUps = api.followUps.map((c) => (c.id === 1 ? { ...c, state: "appealed" as const } : c)); // moved by someone else
    await wrapper.get('[data-move="contacted"]').trigger("click");
    await settle();
    const msg = wrapper.get('[data-test="move-error"]');
    expect(msg.attributes("role")).toBe("alert");
    expect(msg.text()).toBe("无法改为“已联系”：此案件当前的状态不允许这一步（可能已被他人处理）。已重新加载最新状态，请核对后再操作。");
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe("申诉中");
    expect(moves(wrapper)).toEqual(["upheld", "withdrawn"]);
  });

  it("refuses a note with a phone number, says why, and keeps the note for editing", async () => {
    const { wrapper } = await mountPage();
    await row(wrapper, 1).trigger("click");
    await wrapper.get('[data-test="note"]').setValue("已联系 13912345678");
    await wrapper.get('[data-move="contacted"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="move-error"]').text()).toBe("备注未保存：疑似包含手机号或身份证号等个人信息，请删除后再提交。");
    expect(wrapper.get('[data-test="note"]').attributes("aria-invalid")).toBe("true");
    expect((wrapper.get('[data-test="note"]').element as HTMLTextAreaElement).value).toBe("已联系 13912345678");
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe("待处理");
    // Another case: the message belongs to the first one only.
    await row(wrapper, 2).trigger("click");
    expect(wrapper.find('[data-test="move-error"]').exists()).toBe(false);
  });

  it("shows the report's shares per month and per window against the 100% target", async () => {
    const { wrapper } = await mountPage();
    const table = () => wrapper.get('[data-test="report-table"]');
    const cells = (key: string) => [table().get(`[data-report-key="${key}"] [data-test="followed-up-share"]`), table().get(`[data-report-key="${key}"] [data-test="on-time-share"]`)];
    expect(table().attributes("data-by")).toBe("month");
    const [oct, octOnTime] = cells("2026-10");
    expect(oct!.text()).toBe("66.6%");
    expect(octOnTime!.text()).toBe("33.3%");
    expect(oct!.classes()).toContain("short");
    const [nov, novOnTime] = cells("2026-11");
    expect(nov!.text()).toBe("100%");
    expect(novOnTime!.text()).toBe("100%");
    expect(nov!.classes()).toContain("ok");
    expect(table().get('[data-report-key="2026-10"]').text()).toContain("3");
    expect(wrapper.find('[data-test="report-chart"]').exists()).toBe(true);
    await wrapper.get('[data-test="report-by-window"]').trigger("click");
    expect(table().attributes("data-by")).toBe("window");
    expect(table().get('[data-report-key="w2"]').text()).toContain("2号窗口");
    expect(cells("w2")[0]!.text()).toBe("0%");
  });

  it("speaks English when the page is in English", async () => {
    const { wrapper } = await mountPage();
    setLocale("en");
    await settle();
    expect(row(wrapper, 2).get('[data-test="case-state"]').text()).toContain("Contacted");
    expect(row(wrapper, 2).get('[data-test="overdue"]').text()).toBe("Overdue");
    expect(row(wrapper, 2).get('[data-test="case-rating"]').text()).toBe("Very dissatisfied");
  });
});
