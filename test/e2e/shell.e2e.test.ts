// The page shell in a real Chromium: served with a strict CSP (no inline script), renders Chinese, and
// raises no console error.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerProcess } from "../helpers/server-process.js";
import { launchBrowser, newPage, VIEWPORTS } from "./harness.js";

describe("page shell", () => {
  const server = new ServerProcess();
  let browser: Browser;
  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server.stop();
    server.remove();
  });

  it("is served with a CSP that forbids inline scripts and renders zh-CN", async () => {
    const { page, errors, context } = await newPage(browser, VIEWPORTS.admin);
    const res = await page.goto(`${server.url}/`);
    const csp = res?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(res?.headers()["x-content-type-options"]).toBe("nosniff");
    await page.getByRole("heading", { name: /政务大厅运行监测/ }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(errors).toEqual([]);
    await context.close();
  });
});
