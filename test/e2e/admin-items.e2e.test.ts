// The admin pages for the item lists (事项清单), their versions (版本对比) and the consistency findings
// (一致性) in a real Chromium (1280×800) against the real server: the demo hall's sample lists imported
// through the page's file input, a second online version compared field by field, a file whose headers
// need the column-mapping step, a file with bad rows (error table, import refused, partial import on
// request), the planted findings with their Chinese messages, filtering and the CSV export — with no
// JavaScript dialog and no console error.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceItemInput } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { ROOT, tempDir } from "../helpers/server-process.js";
import { launchBrowser, newPage, screenshot, startHall, VIEWPORTS, type E2eHall } from "./harness.js";

const HALL = "qingxi";
const SAMPLES = path.join(ROOT, "simulator", "sample-items");
const FIXTURES = path.join(ROOT, "test", "fixtures", "items");
const RENAMED = "有限责任公司设立登记（含一人有限责任公司）";
const NEW_MATERIAL = "经营场所照片";

async function shoot(page: Page, name: string) {
  await page.mouse.move(640, 799);
  await screenshot(page, name);
}

/** Picks the file, checks it (dry run) and waits for the next step. */
async function checkFile(page: Page, file: string) {
  await page.locator('[data-test="import-file"]').setInputFiles(file);
  await page.locator('[data-test="import-check"]').click();
  await page.locator('[data-test="mapping-step"], [data-test="import-report"]').first().waitFor();
}

async function importChecked(page: Page, partial = false) {
  await page.locator(partial ? '[data-test="import-partial"]' : '[data-test="import"]').click();
  const done = page.locator('[data-test="import-done"]');
  await done.waitFor();
  return (await done.textContent()) ?? "";
}

describe("admin item lists and consistency", () => {
  let hall: E2eHall;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; dialogs: string[]; errors: string[] };
  const tmp = tempDir("hallpulse-items-");

  beforeAll(async () => {
    hall = await startHall(HALL, demoHall);
    browser = await launchBrowser();
    admin = await newPage(browser, VIEWPORTS.admin);
    await admin.page.goto(`${hall.server.url}/admin?token=${hall.server.adminToken}`);
    await admin.page.locator('[data-test="config-page"]').waitFor();
    await admin.page.locator('[data-test="hall-picker"]').selectOption(HALL);
  });
  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
    await hall?.server.stop();
    hall?.server.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("imports the online list (JSON) and the hall's guides (CSV, through the mapping step)", async () => {
    const { page } = admin;
    await page.locator('[data-test="nav-items"]').click();
    await page.locator('[data-test="no-list"]').waitFor();
    expect(await page.locator('[data-test="no-list"]').textContent()).toContain("尚未导入线上清单");

    await checkFile(page, path.join(SAMPLES, "online-items.json"));
    await expect(page.locator('[data-test="report-ok"]').textContent()).resolves.toBe("检查通过：68 条事项可以导入。");
    expect(await importChecked(page)).toContain("v1：68 条事项");
    await page.locator('[data-test="list-version"]').getByText("v1 · 共 68 项").waitFor();
    expect(await page.locator("tr[data-item-code]").count()).toBe(68);
    const row = page.locator('tr[data-item-code="330399-JF-0502"]');
    await expect(row.textContent()).resolves.toContain("住房公积金提取（购房）");

    // The hall's guides: UTF-8 with BOM and a 序号 column no field takes → the mapping step, pre-filled.
    await page.locator('[data-test="tab-hall"]').click();
    await page.locator('[data-test="no-list"]').getByText("尚未导入大厅指南").waitFor();
    await checkFile(page, path.join(SAMPLES, "hall-items.csv"));
    await page.locator('[data-test="mapping-step"]').waitFor();
    expect(await page.locator('[data-map-field="code"]').inputValue()).toBe("事项编码");
    expect(await page.locator('[data-map-field="approvedAt"]').inputValue()).toBe("审批时间");
    await expect(page.locator('[data-test="mapping-unused"]').textContent()).resolves.toContain("序号");
    await page.locator('[data-test="apply-mapping"]').click();
    await page.locator('[data-test="report-ok"]').waitFor();
    await expect(page.locator('[data-test="import-report"]').textContent()).resolves.toContain("读取编码：UTF-8");
    expect(await importChecked(page)).toContain("v1：68 条事项");
    await page.locator('[data-test="list-version"]').getByText("v1 · 共 68 项").waitFor();

    // The online list with a row opened onto its conditions and materials, for the screenshot.
    await page.locator('[data-test="tab-online"]').click();
    await page.locator('[data-test="list-version"]').getByText("v1 · 共 68 项").waitFor();
    await page.locator('tr[data-item-code="330399-XK-0101"] [data-test="toggle-item"]').click();
    await expect(page.locator('[data-test="item-detail"]').textContent()).resolves.toContain("公司章程");
    await page.locator('tr[data-item-code="330399-XK-0101"] [data-test="toggle-item"]').click();
    await page.locator('[data-test="item-detail"]').waitFor({ state: "detached" });
    await page.locator('[data-test="toggle-item"]').nth(1).click();
    await page.locator('[data-test="item-detail"]').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, "admin-items");
  });

  it("imports a second online version and shows the renamed field and the added material", async () => {
    const { page } = admin;
    const data = JSON.parse(fs.readFileSync(path.join(SAMPLES, "online-items.json"), "utf8")) as { items: ServiceItemInput[] };
    const byCode = (code: string) => data.items.find((i) => i.code === code) as ServiceItemInput;
    byCode("330399-XK-0101").name = RENAMED;
    byCode("330399-XK-0102").materials = [...(byCode("330399-XK-0102").materials ?? []), { name: NEW_MATERIAL, form: "copy", copies: 1, required: false }];
    byCode("330399-XK-0103").promisedDays = 3;
    const file = path.join(tmp, "online-items-v2.json");
    fs.writeFileSync(file, JSON.stringify(data));

    await page.locator('[data-test="import-another"]').waitFor({ state: "detached" });
    await checkFile(page, file);
    await page.locator('[data-test="report-ok"]').waitFor();
    expect(await importChecked(page)).toContain("v2");
    await page.locator('[data-test="list-version"]').getByText("v2 · 共 68 项").waitFor();
    await expect(page.locator('tr[data-item-code="330399-XK-0101"]').textContent()).resolves.toContain(RENAMED);

    await page.locator('[data-version="2"] [data-test="compare-version"]').click();
    await page.locator('[data-test="diff"]').waitFor();
    expect(page.url()).toMatch(/\/admin\/items\/diff\?source=online&from=1&to=2$/);
    await expect(page.locator('[data-test="diff-summary"]').textContent()).resolves.toContain("新增 0 项 · 删除 0 项 · 变更 3 项");
    const name = page.locator('[data-diff-code="330399-XK-0101"] [data-diff-field="name"]');
    await expect(name.textContent()).resolves.toMatch(new RegExp(`事项名称\\s*有限责任公司设立登记\\s*→\\s*${RENAMED.replace(/[（）]/g, ".")}`));
    const added = page.locator('[data-diff-code="330399-XK-0102"] [data-test="material-added"]');
    await expect(added.textContent()).resolves.toContain(`+${NEW_MATERIAL}（复印件 · 1 份 · 非必要）`);
    await expect(page.locator('[data-diff-code="330399-XK-0103"] [data-diff-field="promisedDays"]').textContent()).resolves.toMatch(/→\s*3 个工作日/);
    await shoot(page, "admin-diff");
  });

  it("lists the planted findings in Chinese, filters by rule, opens evidence, and exports CSV with a BOM", async () => {
    const { page } = admin;
    await page.locator('[data-test="nav-consistency"]').click();
    const rows = page.locator("tr[data-finding]");
    await page.locator('tr[data-finding="offline-only:330399-GG-0804"]').waitFor();
    const text = async (key: string) => (await page.locator(`tr[data-finding="${key}"]`).textContent()) ?? "";
    expect(await text("offline-only:330399-GG-0804")).toContain("大厅受理的事项 330399-GG-0804 不在线上事项清单中");
    expect(await text("offline-only:330399-GG-0804")).toContain("线下独有事项");
    expect(await text("not-served:330399-QR-0607")).toContain("需到现场办理，但大厅没有窗口受理");
    expect(await text("guide-differs:330399-QR-0402")).toContain("大厅办事指南与线上不一致：承诺时限");
    expect(await text("guide-differs:330399-JF-0502")).toContain("申请材料");
    expect(await text("late-publication:online:330399-JF-0303")).toContain("于 2026-09-30 审批，2026-10-09 才公开");
    expect(await text("late-publication:hall:330399-XK-0115")).toContain("至今未公开");
    expect(await text("late-publication:online:330399-XK-0115")).toContain("公开不及时");

    // Evidence: the guide values of both lists and the versions, linked to the diff viewer.
    await page.locator('tr[data-finding="guide-differs:330399-QR-0402"]').click();
    const detail = page.locator('[data-test="finding-detail"]');
    await expect(detail.locator('[data-evidence="hall.promisedDays"]').textContent()).resolves.toBe("5 个工作日");
    await expect(detail.locator('[data-evidence="online.promisedDays"]').textContent()).resolves.toBe("3 个工作日");
    expect(await detail.locator('[data-evidence="onlineVersion"] a').getAttribute("href")).toBe("/admin/items/diff?source=online&from=1&to=2");
    // The late publication over the National Day break: due on the first working day after it.
    await page.locator('tr[data-finding="late-publication:online:330399-JF-0303"]').click();
    await expect(detail.locator('[data-evidence="deadline"]').textContent()).resolves.toBe("2026-10-08");
    expect(await detail.count()).toBe(1);
    // The planted extra material, first in the list, for the screenshot; the chart below has drawn.
    await page.locator('tr[data-finding="guide-differs:330399-JF-0502"]').click();
    await expect(detail.locator('[data-evidence="hall.materialsOnlyInHall"]').textContent()).resolves.toBe("婚姻关系证明");
    await page.locator('[data-test="history-chart"] canvas').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, "admin-consistency");

    await page.locator('[data-test="filter-rule"]').selectOption("late-publication");
    await page.waitForFunction(() => [...document.querySelectorAll("tr[data-finding]")].every((r) => r.getAttribute("data-rule") === "late-publication"));
    expect(await rows.count()).toBe(4);
    await expect(page.locator('[data-test="finding-count"]').textContent()).resolves.toBe("共 4 条");

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-test="export-csv"]').click()]);
    expect(download.suggestedFilename()).toBe(`consistency-${HALL}.csv`);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("late-publication");
    expect(csv).not.toContain("offline-only");
    await page.locator('[data-test="filter-reset"]').click();
    await page.locator('tr[data-finding="offline-only:330399-GG-0804"]').waitFor();
  });

  it("maps the columns of a file with other headers, then imports it", async () => {
    const { page } = admin;
    await page.locator('[data-test="nav-items"]').click();
    await page.locator('[data-test="tab-hall"]').click();
    await page.locator('[data-test="list-version"]').getByText("v1 · 共 68 项").waitFor();
    await checkFile(page, path.join(FIXTURES, "custom-headers.csv"));
    const step = page.locator('[data-test="mapping-step"]');
    await step.waitFor();
    await expect(step.locator('[data-test="mapping-missing"]').textContent()).resolves.toContain("事项编码");
    const choice = { code: "编号", name: "服务事项", department: "牵头单位", promisedDays: "办结时限", maxVisits: "跑腿次数", materials: "要件清单", conditions: "备注" };
    for (const [field, header] of Object.entries(choice)) await page.locator(`[data-map-field="${field}"]`).selectOption(header);
    await page.locator('[data-test="apply-mapping"]').click();
    await expect(page.locator('[data-test="report-ok"]').textContent()).resolves.toBe("检查通过：2 条事项可以导入。");
    expect(await importChecked(page)).toContain("v2：2 条事项");
    await page.locator('[data-test="list-version"]').getByText("v2 · 共 2 项").waitFor();
    await expect(page.locator('tr[data-item-code="330399-QR-0801"]').textContent()).resolves.toContain("即办件");
  });

  it("lists the bad rows, refuses the import, and imports only the good rows when asked", async () => {
    const { page, dialogs, errors } = admin;
    await page.locator('[data-test="import-another"]').click();
    await checkFile(page, path.join(FIXTURES, "bad-rows.csv"));
    const table = page.locator('[data-test="error-table"]');
    await table.waitFor();
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-error-row"), tr.querySelector(".col")?.textContent ?? ""]));
    expect(rows.length).toBeGreaterThanOrEqual(7);
    // Line numbers of the file (header = 1): 五个工作日, 2026-02-30, 扫描件, 3 visits.
    expect(rows).toContainEqual(["3", "承诺时限"]);
    expect(rows).toContainEqual(["4", "公开时间"]);
    expect(rows).toContainEqual(["5", "申请材料"]);
    expect(rows).toContainEqual(["6", "最多跑动次数"]);
    expect(await table.textContent()).toContain("应为整数");
    expect(await page.locator('[data-test="import"]').isDisabled()).toBe(true);
    const partial = page.locator('[data-test="import-partial"]');
    const label = (await partial.textContent())?.trim() ?? "";
    const good = Number(/仅导入 (\d+) 条无误数据/.exec(label)?.[1]);
    expect(good).toBeGreaterThan(0);
    const done = await importChecked(page, true);
    expect(done).toContain(`v3：${good} 条事项`);
    expect(done).toContain("跳过");
    await page.locator('[data-test="list-version"]').getByText(`v3 · 共 ${good} 项`).waitFor();
    const skipped = await page.locator('[data-version="3"] td').nth(4).textContent();
    expect(Number(skipped)).toBeGreaterThan(0);

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows a manager the lists without the import", async () => {
    const { context, page, dialogs, errors } = await newPage(browser, VIEWPORTS.admin);
    await page.goto(`${hall.server.url}/admin/items?token=${hall.tokens.manager.token}`);
    await page.locator('[data-test="read-only"]').waitFor();
    await page.locator("tr[data-item-code]").first().waitFor();
    expect(await page.locator('[data-test="import-panel"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
