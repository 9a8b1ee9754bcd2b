// 节假日日历: official and entered years, the explanation of 暂定, a global admin's form with every problem
// named before sending, and read only for others.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import CalendarPage from "./CalendarPage.vue";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  api.calendar = { officialYears: [2024, 2025, 2026], adminYears: [] };
});
afterEach(() => vi.unstubAllGlobals());

describe("CalendarPage", () => {
  it("explains provisional results and lists the official years", async () => {
    const { wrapper } = await mountAdmin(CalendarPage, { path: "/admin/calendar", token: api.principal("root", "admin", null) });
    expect(wrapper.text()).toContain("暂定");
    expect(wrapper.text()).toContain("国务院");
    expect(wrapper.get('[data-test="official-years"]').text()).toBe("2024–2026");
    expect(wrapper.find('[data-test="calendar-read-only"]').exists()).toBe(false);
  });

  it("names each problem at its list and sends nothing until they are fixed", async () => {
    const { wrapper } = await mountAdmin(CalendarPage, { path: "/admin/calendar", token: api.principal("root", "admin", null) });
    await wrapper.get('[data-test="calendar-year"]').setValue("2026");
    await wrapper.get('[data-test="calendar-holidays"]').setValue("2026-02-30\n2027-01-01");
    await wrapper.get('[data-test="calendar-workdays"]').setValue("2026-01-05");
    await wrapper.get('[data-test="calendar-form"]').trigger("submit");
    await settle();
    const problems = wrapper.findAll('[data-test="calendar-problem"]').map((p) => p.text());
    expect(problems).toEqual(["2026 年已有官方数据，无需录入", "“2026-02-30”不是有效日期", "“2027-01-01”不在 2026 年", "“2026-01-05”不是周末，调休上班日应为周六或周日"]);
    expect(api.callsTo("PUT", "/api/calendar")).toEqual([]);

    await wrapper.get('[data-test="calendar-year"]').setValue("2027");
    await wrapper.get('[data-test="calendar-holidays"]').setValue("2027-01-01, 2027-02-11");
    await wrapper.get('[data-test="calendar-workdays"]').setValue("2027-02-07");
    await wrapper.get('[data-test="calendar-form"]').trigger("submit");
    await settle();
    expect(api.callsTo("PUT", "/api/calendar/2027")[0]?.body).toEqual({ holidays: ["2027-01-01", "2027-02-11"], workdays: ["2027-02-07"] });
    expect(wrapper.get('[data-test="calendar-notice"]').text()).toBe("已保存 2027 年安排");
    expect(wrapper.get('[data-year="2027"]').text()).toContain("放假 2 天");
  });

  it("is read only for a hall's admin and a manager", async () => {
    api.calendar.adminYears = [{ year: 2027, holidays: ["2027-01-01"], workdays: [] }];
    const { wrapper } = await mountAdmin(CalendarPage, { path: "/admin/calendar", token: api.principal("mgr", "manager") });
    expect(wrapper.get('[data-test="calendar-read-only"]').text()).toContain("仅全局管理员");
    expect(wrapper.find('[data-test="calendar-form"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="calendar-edit"]').exists()).toBe(false);
    expect(wrapper.get('[data-year="2027"]').text()).toContain("2027");
  });
});
