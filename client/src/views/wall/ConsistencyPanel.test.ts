import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { LiveConsistency } from "../../../../contract/live-view.js";
import { i18n, setLocale } from "../../i18n/index.js";
import ConsistencyPanel from "./ConsistencyPanel.vue";
import { XSS_IMG } from "./wall-fixtures.js";

const render = (consistency: LiveConsistency | undefined) => mount(ConsistencyPanel, { props: { consistency }, global: { plugins: [i18n] } });

const finding = (key: string, rule: LiveConsistency["floor"][number]["rule"], zh: string, en: string): LiveConsistency["floor"][number] => ({
  key,
  rule,
  severity: rule === "department-mismatch" ? "medium" : "high",
  message: zh,
  messages: { "zh-CN": zh, en },
  evidence: {},
  firstSeen: "2026-11-25T02:00:00.000Z",
});

afterEach(() => setLocale("zh-CN"));

describe("wall consistency panel", () => {
  it("says plainly that no checks are configured until an online list exists", () => {
    for (const c of [undefined, { configured: false, floor: [], counts: {}, overdueFollowUps: 0 }]) {
      const w = render(c);
      expect(w.text()).toContain("暂未配置一致性检查");
      expect(w.find("li").exists()).toBe(false);
    }
  });

  it("shows the floor findings with their rule tag, the open total and overdue follow-ups", () => {
    const w = render({
      configured: true,
      floor: [
        finding("visit-limit:c1:X", "visit-limit", "事项「不动产登记」承诺最多跑 1 次，同一办件到大厅 2 天（票号 E003、E017）", "one case came on 2 days"),
        finding("extra-materials:t9:w11", "extra-materials", "票号 E045 办理时要求了办事指南之外的材料：户口簿", "Ticket E045 was asked for a household register"),
      ],
      counts: { "visit-limit": 1, "extra-materials": 1, "late-publication": 2 },
      overdueFollowUps: 3,
    });
    const items = w.findAll("li");
    expect(items.map((li) => li.attributes("data-rule"))).toEqual(["visit-limit", "extra-materials"]);
    expect(items[0]?.get(".tag").text()).toBe("多跑");
    expect(items[1]?.text()).toContain("户口簿");
    expect(w.get("[data-testid=consistency-total]").text()).toBe("待处理 4 项");
    expect(w.get("[data-testid=followups-overdue]").text()).toBe("差评整改超期 3 件");
    setLocale("en");
    expect(render({ configured: true, floor: [finding("k", "visit-limit", "中文", "one case came on 2 days")], counts: { "visit-limit": 1 }, overdueFollowUps: 0 }).text()).toContain(
      "one case came on 2 days",
    );
  });

  it("says the floor is clear when only list findings are open, and shows no overdue badge at zero", () => {
    const w = render({ configured: true, floor: [], counts: { "guide-differs": 2 }, overdueFollowUps: 0 });
    expect(w.text()).toContain("现场暂无问题");
    expect(w.find("[data-testid=followups-overdue]").exists()).toBe(false);
  });

  it("shows untrusted names in a message as text", () => {
    const w = render({ configured: true, floor: [finding("x", "department-mismatch", `${XSS_IMG} 受理了其他部门事项`, "x")], counts: {}, overdueFollowUps: 0 });
    expect(w.get(".message").text()).toContain(XSS_IMG);
    expect(w.find("img").exists()).toBe(false);
  });
});
