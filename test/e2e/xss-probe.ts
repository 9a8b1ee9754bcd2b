// The in-page probe and the checks of the browser XSS test (xss.e2e.test.ts). An init script, installed
// before any page script, records CSP violations, fetches in flight, the last pointer position and the
// text drawn on every canvas. The test then waits for exact conditions instead of fixed sleeps: a page
// is settled when no fetch is in flight over two frames; a chart is still when none of its canvases drew
// over three frames; a pointer step is done when its mousemove was dispatched and a frame followed.
// A sweep records the text of every frame drawn while it runs (not only the frames that happen to be on
// screen when it looks), so every tooltip the pointer opens is read back.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { P } from "./xss-payloads.js";

interface Probe {
  __csp: string[];
  __xss?: unknown;
  /** fetch() calls and body reads not yet settled. */
  __pending: number;
  /** The last mousemove's viewport coordinates. */
  __move: { x: number; y: number } | null;
  __settled(timeoutMs: number): Promise<boolean>;
  __still(root: Element, timeoutMs: number): Promise<boolean>;
  __afterMove(x: number, y: number, timeoutMs: number): Promise<void>;
  /** Starts keeping every frame drawn on the canvases under root (until __chartText reads them). */
  __chartMark(root: Element): void;
  /** The text of the frames kept since __chartMark and of the frame on screen: raw fillText strings and lines. */
  __chartText(root: Element): { texts: string[]; lines: string[] };
}

/** Installed with addInitScript: serialized, so self-contained. */
function installProbe(): void {
  const w = window as unknown as Probe;
  w.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));

  // Fetches in flight, bodies included: the pages' apiRequest awaits fetch, then res.text(), then sets
  // state; between those steps only microtasks run, so the count is never 0 at a frame mid-request.
  w.__pending = 0;
  const track = <T>(p: Promise<T>): Promise<T> => {
    w.__pending++;
    const done = () => void w.__pending--;
    p.then(done, done);
    return p;
  };
  const fetch0 = window.fetch;
  window.fetch = function (...args: Parameters<typeof fetch>) {
    return track(fetch0.apply(this, args));
  };
  for (const m of ["text", "json", "arrayBuffer", "blob"] as const) {
    const read = Response.prototype[m] as (this: Response) => Promise<unknown>;
    (Response.prototype as unknown as Record<string, unknown>)[m] = function (this: Response) {
      return track(read.call(this));
    };
  }
  w.__settled = (timeoutMs) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      let quiet = 0;
      const tick = () => {
        quiet = w.__pending === 0 ? quiet + 1 : 0;
        if (quiet >= 2) resolve(true);
        else if (performance.now() - t0 > timeoutMs) resolve(false);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });

  w.__move = null;
  window.addEventListener("mousemove", (e) => (w.__move = { x: e.clientX, y: e.clientY }), { capture: true, passive: true });
  // zrender redraws in a requestAnimationFrame callback it asks for while handling the event (or asked
  // for earlier, when already animating): called before ours, which is asked for once the event is
  // seen, so ours runs after the redraw the event caused. (Checked: for every step of every sweep, the
  // frame on screen 90 ms later drew no line that this frame had not drawn.)
  w.__afterMove = (x, y, timeoutMs) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const tick = () => {
        const m = w.__move;
        if (m && Math.abs(m.x - x) <= 1 && Math.abs(m.y - y) <= 1) requestAnimationFrame(() => resolve());
        else if (performance.now() - t0 > timeoutMs) reject(new Error(`no mousemove at ${x},${y} (last ${JSON.stringify(m)})`));
        else requestAnimationFrame(tick);
      };
      tick();
    });

  // The text drawn in each frame on each canvas: zrender clears the whole canvas before each frame.
  type Rec = { t: string; k: string; x: number };
  const frames = new Map<HTMLCanvasElement, Rec[]>();
  const kept = new Map<HTMLCanvasElement, Rec[][]>();
  const drawn = new Map<HTMLCanvasElement, number>();
  const proto = CanvasRenderingContext2D.prototype;
  const clearRect = proto.clearRect;
  proto.clearRect = function (x: number, y: number, width: number, height: number) {
    if (x <= 0 && y <= 0 && width >= this.canvas.width && height >= this.canvas.height) {
      const prev = frames.get(this.canvas);
      if (prev) kept.get(this.canvas)?.push(prev);
      frames.set(this.canvas, []);
      drawn.set(this.canvas, (drawn.get(this.canvas) ?? 0) + 1);
    }
    clearRect.call(this, x, y, width, height);
  };
  const fillText = proto.fillText;
  proto.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
    const m = this.getTransform();
    const list = frames.get(this.canvas) ?? [];
    frames.set(this.canvas, list);
    // Tokens of one rich-text line share the transform and the baseline.
    list.push({ t: String(text), k: [m.a, m.b, m.c, m.d, Math.round(m.e), Math.round(m.f), Math.round(y)].join(","), x: m.a * x + m.e });
    if (maxWidth === undefined) fillText.call(this, text, x, y);
    else fillText.call(this, text, x, y, maxWidth);
  };
  const canvases = (root: Element) => Array.from(root.querySelectorAll("canvas"));
  w.__still = (root, timeoutMs) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const count = () => canvases(root).reduce((n, c) => n + (drawn.get(c) ?? 0) + (frames.get(c)?.length ? 1 : 0), 0);
      let last = count();
      let quiet = 0;
      const tick = () => {
        const n = count();
        quiet = n === last ? quiet + 1 : 0;
        last = n;
        if (quiet >= 3 && n > 0) resolve(true);
        else if (performance.now() - t0 > timeoutMs) resolve(false);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  w.__chartMark = (root) => {
    for (const c of canvases(root)) kept.set(c, []);
  };
  w.__chartText = (root) => {
    const texts = new Set<string>();
    const lines = new Set<string>();
    const clean = (s: string) => s.replace(/\u2060/g, "");
    for (const c of canvases(root)) {
      for (const frame of [...(kept.get(c) ?? []), frames.get(c) ?? []]) {
        const groups = new Map<string, Rec[]>();
        for (const r of frame) {
          texts.add(clean(r.t));
          const g = groups.get(r.k);
          if (g) g.push(r);
          else groups.set(r.k, [r]);
        }
        for (const g of groups.values()) lines.add(clean(g.sort((a, b) => a.x - b.x).map((r) => r.t).join("")));
      }
      kept.delete(c);
    }
    return { texts: [...texts], lines: [...lines] };
  };
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  errors: string[];
}

export async function openTab(browser: Browser, viewport: { width: number; height: number }, bypassCSP: boolean): Promise<Tab> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", bypassCSP });
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return { context, page, dialogs, errors };
}

/** Waits until no fetch (nor body read) is in flight over two frames: what was asked for is shown. */
export async function settle(page: Page, where: string): Promise<void> {
  const ok = await page.evaluate(() => (window as unknown as Probe).__settled(20_000));
  if (!ok) throw new Error(`${where}: fetches still in flight after 20 s`);
}

/** The HTML serialization of text (what innerHTML shows for a text node). */
const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Once the page is settled and shows `shown` (waited for up to 10 s): nothing ran, nothing was
 * injected, no CSP violation, and each of `shown` appears literally as text (or in a field).
 */
export async function assertClean(tab: Tab, where: string, shown: readonly string[] = []): Promise<void> {
  await settle(tab.page, where);
  const snapshot = () =>
    tab.page.evaluate(() => {
      const w = window as unknown as Probe;
      const fields = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, select")).map((e) => e.value);
      return {
        xss: w.__xss,
        csp: [...w.__csp],
        injected: Array.from(document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script:not([src]), iframe, object, embed, a[href^="javascript:" i]')).map((e) => e.outerHTML.slice(0, 160)),
        text: document.body.textContent ?? "",
        html: document.body.innerHTML,
        fields,
      };
    });
  const shows = (r: Awaited<ReturnType<typeof snapshot>>, s: string) => r.text.includes(s) || r.fields.some((f) => f.includes(s));
  let r = await snapshot();
  for (const deadline = Date.now() + 10_000; !shown.every((s) => shows(r, s)) && Date.now() < deadline; ) {
    await tab.page.waitForTimeout(50);
    r = await snapshot();
  }
  expect(r.xss, `${where}: window.__xss`).toBeUndefined();
  expect(r.injected, `${where}: injected elements`).toEqual([]);
  expect(r.csp, `${where}: CSP violations`).toEqual([]);
  expect(tab.dialogs, `${where}: dialogs`).toEqual([]);
  expect(tab.errors.filter((e) => /Content Security Policy|Refused to/i.test(e)), `${where}: CSP console`).toEqual([]);
  for (const s of shown) {
    const inText = r.text.includes(s);
    expect(shows(r, s), `${where}: shows ${s}`).toBe(true);
    if (inText) expect(r.html, `${where}: ${s} escaped in the HTML`).toContain(escaped(s));
  }
  // Vue never evaluated a name as a template: {{7*7}} never became 49 next to where it should be.
  expect(r.text, `${where}: no evaluated template`).not.toMatch(/\b49\s*#\d/);
}

export type Sweep = "x" | "y" | "xy";
export interface Drawn {
  lines: Set<string>;
  texts: Set<string>;
}

/** The pointer positions of a sweep, as fractions of the canvas box. */
export function sweepPoints(sweep: Sweep, steps: number): [number, number][] {
  const at = (i: number, n: number, lo: number, hi: number) => lo + ((hi - lo) * (i + 0.5)) / n;
  const points: [number, number][] = [];
  if (sweep === "x") for (let i = 0; i < steps; i++) points.push([at(i, steps, 0.04, 0.97), 0.6]);
  if (sweep === "y") for (let i = 0; i < steps; i++) points.push([0.62, at(i, steps, 0.06, 0.97)]);
  if (sweep === "xy") for (let j = 0; j < steps; j++) for (let i = 0; i < 4; i++) points.push([at(i, 4, 0.15, 0.9), at(j, steps, 0.02, 0.8)]);
  return points;
}

/**
 * Sweeps the pointer over the chart under `selector` once it is still (entry animation over), opening
 * its tooltips, and returns every text and line drawn from then on (axis labels, legend, tooltips).
 */
export async function sweepChart(page: Page, selector: string, sweep: Sweep, steps: number): Promise<Drawn> {
  await settle(page, selector);
  const root = page.locator(selector).first();
  await root.scrollIntoViewIfNeeded();
  await root.locator("canvas").first().waitFor();
  await root.evaluate((el) => (window as unknown as Probe).__still(el, 3_000));
  const box = await root.locator("canvas").first().boundingBox();
  if (!box) throw new Error(`${selector}: no canvas box`);
  await root.evaluate((el) => (window as unknown as Probe).__chartMark(el));
  for (const [fx, fy] of sweepPoints(sweep, steps)) {
    const x = box.x + box.width * fx;
    const y = box.y + box.height * fy;
    // Listening before the move is sent: one round trip per step instead of two.
    await Promise.all([page.evaluate(([px, py]) => (window as unknown as Probe).__afterMove(px, py, 5_000), [x, y] as const), page.mouse.move(x, y)]);
  }
  const got = await root.evaluate((el) => (window as unknown as Probe).__chartText(el));
  await page.mouse.move(2, 2);
  return { lines: new Set(got.lines), texts: new Set(got.texts) };
}

/** Some drawn line holds each name exactly as written (tooltips), and nothing drawn is a mangled payload. */
export function expectDrawn(chart: string, got: Drawn, names: readonly string[]): void {
  const lines = [...got.lines];
  for (const n of names) expect(lines.some((l) => l.includes(n)), `${chart}: "${n}" drawn literally; drawn: ${JSON.stringify(lines.filter((l) => /[{<]/.test(l)).slice(0, 30))}`).toBe(true);
  // Rich text read as markup drops "{a|" and "}": "x" then "y" without their braces, in part (a token
  // ended early) or wholly (the name parsed as two styled tokens: a bare "xy"). The second matters: the
  // legend and axis labels draw the names literally anyway, so the name being found somewhere does not
  // prove the tooltip drew it literally; the tooltip's bare "xy" gives the markup away.
  expect(lines.filter((l) => /(^|[^|])xy\}|\{a\|xy/.test(l) || l.split(P.rich).join("").includes("xy")), `${chart}: rich-text payload mangled`).toEqual([]);
}

/** Axis labels: the name itself, or its beginning cut with an ellipsis. */
export function expectLabel(chart: string, got: Pick<Drawn, "texts">, name: string): void {
  const ok = [...got.texts].some((t) => t === name || (t.endsWith("…") && t.length > 2 && name.startsWith(t.slice(0, -1))) || (t.length >= 4 && name.includes(t)));
  expect(ok, `${chart}: axis label for "${name}"; texts: ${JSON.stringify([...got.texts].filter((t) => /[{<"]/.test(t)).slice(0, 30))}`).toBe(true);
}

/** A drawn line is `name` exactly as written followed by what matches `rest` (a tooltip line, not an axis label). */
export function expectTooltipLine(chart: string, got: Pick<Drawn, "lines">, name: string, rest: RegExp): void {
  const lines = [...got.lines];
  const ok = lines.some((l) => l.startsWith(name) && rest.test(l.slice(name.length)));
  expect(ok, `${chart}: tooltip line "${name}" + ${String(rest)}; drawn: ${JSON.stringify(lines.filter((l) => rest.test(l)).slice(0, 20))}`).toBe(true);
}
