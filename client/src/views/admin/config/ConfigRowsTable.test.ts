// ConfigRowsTable: the editor's columns around the numbered rows (data-row per row), a 删除 button per row
// that reports its index, the empty note across every column; read only: no 删除 column at all.
import { enableAutoUnmount, mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { h } from "vue";
import { i18n, setLocale } from "../../../i18n/index.js";
import ConfigRowsTable from "./ConfigRowsTable.vue";

enableAutoUnmount(afterEach);

function mountTable(rows: { key: number }[], readOnly = false) {
  setLocale("zh-CN");
  return mount(ConfigRowsTable, {
    props: { rows, list: "things", columns: 2, readOnly, rowName: (i: number) => `第 ${i + 1} 行`, empty: "还没有" },
    slots: {
      cols: () => [h("col", { class: "c-a" }), h("col")],
      heads: () => [h("th", "甲"), h("th", "乙")],
      cells: ({ row, i }) => [h("td", `k${row.key}`), h("td", `#${i}`)],
    },
    global: { plugins: [i18n] },
  });
}

describe("ConfigRowsTable", () => {
  it("numbers the rows around the editor's columns, each with a 删除 button reporting its index", async () => {
    const w = mountTable([{ key: 7 }, { key: 9 }]);
    expect(w.findAll("col").map((c) => c.classes())).toEqual([["c-n"], ["c-a"], [], ["c-act"]]);
    expect(w.findAll("th").map((th) => th.text())).toEqual(["#", "甲", "乙", "删除"]);
    expect(w.get("th .sr-only").text()).toBe("删除");
    const rows = w.findAll("tbody tr");
    expect(rows.map((r) => r.attributes("data-row"))).toEqual(["things.0", "things.1"]);
    expect(rows.map((r) => r.findAll("td").map((td) => td.text()))).toEqual([
      ["1", "k7", "#0", "删除"],
      ["2", "k9", "#1", "删除"],
    ]);
    expect(rows[1]!.get("td.n").text()).toBe("2");
    const remove = rows[1]!.get("button");
    expect(remove.attributes("aria-label")).toBe("删除第 2 行");
    await remove.trigger("click");
    expect(w.emitted("remove")).toEqual([[1]]);
  });

  it("says the empty note across every column", () => {
    const cell = mountTable([]).get("td.adm-empty");
    expect(cell.text()).toBe("还没有");
    expect(cell.attributes("colspan")).toBe("4");
    expect(mountTable([], true).get("td.adm-empty").attributes("colspan")).toBe("3");
  });

  it("has no 删除 column when read only", () => {
    const w = mountTable([{ key: 1 }], true);
    expect(w.findAll("col")).toHaveLength(3);
    expect(w.findAll("th").map((th) => th.text())).toEqual(["#", "甲", "乙"]);
    expect(w.find("button").exists()).toBe(false);
    expect(w.get("tbody tr").findAll("td")).toHaveLength(3);
  });
});
