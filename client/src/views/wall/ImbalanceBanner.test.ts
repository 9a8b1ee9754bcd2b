import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { i18n, setLocale } from "../../i18n/index.js";
import ImbalanceBanner from "./ImbalanceBanner.vue";
import { XSS_IMG, XSS_SVG } from "./wall-fixtures.js";

const targets = { hotUtilization: 0.85, coldUtilization: 0.35, waitMinutes: 20 };
const render = (props: { imbalanced: boolean; hotNames: string[]; coldNames: string[] }) => mount(ImbalanceBanner, { props: { ...props, targets }, global: { plugins: [i18n] } });

afterEach(() => setLocale("zh-CN"));

describe("imbalance banner", () => {
  it("names the hot and the cold windows while the hall is imbalanced", () => {
    const w = render({ imbalanced: true, hotNames: ["11号窗口", "12号窗口"], coldNames: ["22号窗口"] });
    expect(w.get("[data-testid=imbalance-banner]").text()).toContain("冷热不均");
    expect(w.findAll("[data-testid=banner-hot]").map((n) => n.text())).toEqual(["11号窗口", "12号窗口"]);
    expect(w.findAll("[data-testid=banner-cold]").map((n) => n.text())).toEqual(["22号窗口"]);
    expect(w.get(".chip-hot").text()).toBe("▲热");
    expect(w.get(".chip-cold").text()).toBe("▼冷");
  });

  it("shows at most four names per side and counts the rest", () => {
    const names = ["1", "2", "3", "4", "5", "6"].map((n) => `${n}号窗口`);
    const w = render({ imbalanced: true, hotNames: names, coldNames: ["x"] });
    expect(w.findAll("[data-testid=banner-hot]")).toHaveLength(4);
    expect(w.get(".more").text()).toBe("等 2 个窗口");
  });

  it("is a calm line with the thresholds when balanced, in either language", () => {
    const w = render({ imbalanced: false, hotNames: [], coldNames: [] });
    expect(w.find("[data-testid=imbalance-banner]").exists()).toBe(false);
    expect(w.get("[data-testid=balance-line]").text()).toContain("热：利用率 ≥ 85%");
    setLocale("en");
    const en = render({ imbalanced: true, hotNames: ["A"], coldNames: ["B"] });
    expect(en.text()).toContain("Imbalanced");
    expect(en.get(".chip-hot").text()).toBe("▲HOT");
  });

  it("renders hostile names as literal text", () => {
    const w = render({ imbalanced: true, hotNames: [XSS_IMG], coldNames: [XSS_SVG] });
    expect(w.get("[data-testid=banner-hot]").text()).toBe(XSS_IMG);
    expect(w.get("[data-testid=banner-cold]").text()).toBe(XSS_SVG);
    expect(w.find("img").exists()).toBe(false);
    expect(w.find("svg").exists()).toBe(false);
  });
});
