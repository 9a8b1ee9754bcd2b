// 模拟调配, the result: the request body built from the editor exactly; the side-by-side result with the
// change green when lower, outdated once the editor moves on; the comparison exported as CSV with the
// request that produced it; hostile names as text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { settle } from "../testing/fake-api.js";
import { endWhatIfTest, mountWhatIf, row, startWhatIfTest, tick, XSS, type WhatIfFake } from "./whatif-fake.js";

let fake: WhatIfFake;
beforeEach(() => {
  fake = startWhatIfTest();
});
afterEach(endWhatIfTest);

const mountPage = () => mountWhatIf(fake.api);

describe("WhatIfPage result", () => {
  it("posts exactly what the editor says and shows the result side by side", async () => {
    const { wrapper } = await mountPage();
    await tick(wrapper, "w1", "estate");
    await wrapper.get('[data-test="add-interval-w3"]').trigger("click");
    // Typed as people type it: 9:00 and a full-width １２：００ become HH:MM.
    await wrapper.get('[data-test="from-w3-0"]').setValue("9:00");
    await wrapper.get('[data-test="from-w3-0"]').trigger("change");
    await wrapper.get('[data-test="to-w3-0"]').setValue("１２：００");
    await wrapper.get('[data-test="to-w3-0"]').trigger("change");
    expect((wrapper.get('[data-test="from-w3-0"]').element as HTMLInputElement).value).toBe("09:00");
    await wrapper.get('[data-test="closed-w2"]').setValue(true);
    const date = wrapper.get('[data-test="whatif-date"]');
    await date.setValue("2026-11-20");
    await date.trigger("change");
    expect(wrapper.get('[data-test="changed-count"]').text()).toBe("已调整 3 个窗口");
    expect(row(wrapper, "w1").get('[data-chip="estate"]').classes()).toContain("added");
    expect(row(wrapper, "w2").text()).toContain("全天关闭");
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(fake.posted).toEqual([
      {
        date: "2026-11-20",
        allocation: {
          windows: [
            { id: "w1", categories: ["social", "estate"] },
            { id: "w2", categories: ["social"], open: [] },
            { id: "w3", categories: ["estate"], open: [["09:00", "12:00"]] },
          ],
        },
      },
    ]);
    const result = wrapper.get('[data-test="whatif-result"]');
    expect(result.get("h2").text()).toBe("模拟结果 · 2026-11-20");
    const estate = result.get('tr[data-result-category="estate"]');
    expect(estate.get(".name").text()).toBe("不动产登记");
    expect(estate.get('[data-test="avg-actual"]').text()).toBe("30.0");
    expect(estate.get('[data-test="avg-predicted"]').text()).toBe("10.0");
    expect(estate.get('[data-test="avg-diff"]').text()).toBe("−20.0");
    expect(estate.get('[data-test="avg-diff"]').classes()).toContain("lower");
    expect(estate.get('[data-test="max-diff"]').text()).toBe("−35.0");
    const social = result.get('tr[data-result-category="social"]');
    expect(social.get('[data-test="avg-diff"]').text()).toBe("+0.7");
    expect(social.get('[data-test="avg-diff"]').attributes("data-tone")).toBe("higher");
    expect(social.get('[data-test="max-diff"]').attributes("data-tone")).toBe("same");
    expect(result.get('[data-test="cv"]').text()).toContain("0.52");
    expect(result.get('[data-test="cv-predicted"]').text()).toBe("0.21");
    expect(result.get('[data-test="cv"]').text()).toContain("−0.31");
    expect(result.get('[data-test="lower-count"]').text()).toBe("1");
    expect(result.get('[data-test="tolerance"]').text()).toContain("40% 或 3 分钟");
    expect(result.find('[data-test="result-outdated"]').exists()).toBe(false);
    await tick(wrapper, "w1", "estate", false);
    expect(result.find('[data-test="result-outdated"]').exists()).toBe(true);
  });

  it("exports the shown comparison as CSV: the request that produced it again, with ?format=csv", async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), "blob:whatif"), revokeObjectURL: () => undefined });
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const { wrapper } = await mountPage();
    expect(wrapper.find('[data-test="whatif-export-csv"]').exists()).toBe(false);
    await tick(wrapper, "w2", "estate");
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    const csv = wrapper.get('[data-test="whatif-export-csv"]');
    expect(csv.text()).toContain("导出 CSV");
    expect(wrapper.get('[data-test="whatif-export-xlsx"]').text()).toContain("导出 Excel");
    expect(csv.attributes("disabled")).toBeUndefined();
    // The editor moves on; the export is still of the result shown.
    await tick(wrapper, "w1", "estate");
    await csv.trigger("click");
    await settle();
    const call = fake.api.calls.at(-1)!;
    expect([call.method, call.path, call.token]).toEqual(["POST", "/api/halls/h1/whatif?format=csv", "mgr"]);
    expect(call.body).toEqual(fake.posted[0]);
    expect(call.body).toEqual({ date: "2026-11-25", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } });
    expect(names).toEqual(["whatif-h1-2026-11-25.csv"]);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A failed export says so.
    fake.api.override = { method: "POST", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } } };
    await wrapper.get('[data-test="whatif-export-xlsx"]').trigger("click");
    await settle();
    expect(fake.api.calls.at(-1)?.path).toBe("/api/halls/h1/whatif?format=xlsx");
    expect(wrapper.get('[data-test="whatif-export-error"]').text()).toContain("导出失败");
    expect(names).toHaveLength(1);
  });

  it("shows hostile names as text everywhere", async () => {
    const hall = fake.api.halls.get("h1")!;
    hall.windows[1]!.name = XSS;
    hall.windows[1]!.department = XSS;
    hall.categories[1]!.name = XSS;
    fake.advice = [{ windowId: "w2", categoryId: "estate", reason: { oldestWaitSeconds: 2700, hotWindows: [] }, predicted: null }];
    const { wrapper } = await mountPage();
    expect(row(wrapper, "w2").get(".w-name span").text()).toBe(XSS);
    expect(row(wrapper, "w2").get(".w-dept").text()).toBe(XSS);
    expect(row(wrapper, "w3").get('[data-chip="estate"]').text()).toBe(XSS);
    expect(wrapper.get('[data-test="advice-line"]').text()).toContain(`建议 ${XSS} 协助 ${XSS}`);
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(wrapper.get('tr[data-result-category="estate"] .name').text()).toBe(XSS);
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});
