// Hostile text for the browser XSS probes (xss.e2e.test.ts): a copy of the demo hall, its simulation
// parameters and its item lists whose every free-text field (hall, window, department, category and item
// names, item codes, materials, conditions, fees) carries markup, Vue templates, javascript: URLs, script
// breakouts and ECharts rich-text / formatter tokens. Ids stay ids (the contract's ID_PATTERN).
import fs from "node:fs";
import path from "node:path";
import type { HallConfig, ServiceItemInput } from "../../contract/index.js";
import { demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import type { HallSimParams } from "../../simulator/sim-params.js";
import { ROOT } from "../helpers/server-process.js";

export const P = {
  img: "<img src=x onerror=alert(1)>",
  svg: '"><svg onload=alert(2)>',
  vue: "{{7*7}}",
  js: "javascript:alert(3)",
  script: "</script><script>alert(4)</script>",
  /** ECharts rich text: `{style|text}` would be read as markup. */
  rich: "{a|x}{b|y}",
  /** ECharts string-template tokens. */
  tpl: "{@name}{b}{c}",
  /** Executes without a dialog: sets window.__xss. */
  flag: '<img src=x onerror="window.__xss=1">',
  flagSvg: '<svg onload="window.__xss=2"></svg>',
} as const;
export const PAYLOADS: readonly string[] = Object.values(P);

/** The payload `i` (cycling); from the second round on with a suffix keeping the names distinct. */
const nth = (i: number) => `${PAYLOADS[i % PAYLOADS.length] as string}${i >= PAYLOADS.length ? ` #${i + 1}` : ""}`;

/** Demo department → hostile department (the same mapping for windows, items and simulation). */
const departments = [...new Set(demoHall.windows.map((w) => w.department))];
export const deptOf = (d: string): string => {
  const i = departments.indexOf(d);
  return i < 0 ? d : nth(i);
};

/** Item codes changed into payloads (free text of up to 64 characters). */
export const CODE_IMG = "330399-XK-0101";
export const HOSTILE_CODE = P.img;
/** An item code a category serves and the online list lacks: an offline-only finding naming it. */
export const OFFLINE_CODE = P.svg;
const code = (c: string) => (c === CODE_IMG ? HOSTILE_CODE : c);

// The planted hot (real-estate, w11/w12) and cold (health, w22/w23) windows carry payloads too.
const WINDOW_NAME: Record<string, string> = { w11: P.rich, w12: P.img, w22: P.svg, w23: P.flag };

export const hostileHall: HallConfig = {
  ...demoHall,
  name: P.flag,
  categories: demoHall.categories.map((c, i) => ({
    ...c,
    name: c.id === "real-estate" ? P.rich : c.id === "health" ? P.img : nth(i),
    itemCodes: [...c.itemCodes.map(code), ...(i === 0 ? [OFFLINE_CODE] : [])],
  })),
  windows: demoHall.windows.map((w, i) => ({ ...w, name: WINDOW_NAME[w.id] ?? nth(i + 2), department: deptOf(w.department) })),
};

export const hostileSimParams: HallSimParams = {
  ...demoSimParams,
  departments: Object.fromEntries(Object.entries(demoSimParams.departments).map(([d, v]) => [deptOf(d), v])),
  // Materials asked for at the window: outside the online guide → extra-materials findings naming them.
  categories: Object.fromEntries(
    Object.entries(demoSimParams.categories).map(([id, c], i) => [id, { ...c, materials: [nth(i), ...c.materials], needsMaterialsShare: Math.max(c.needsMaterialsShare, 0.15) }]),
  ),
};

type Item = ServiceItemInput & { code: string; name: string; department: string };

/** The demo's online list with hostile names, departments, materials and one hostile code. */
export function hostileOnlineItems(): Item[] {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, "simulator", "sample-items", "online-items.json"), "utf8")) as { items: Item[] };
  return data.items.map((it, i) => ({
    ...it,
    code: code(it.code),
    name: i % 3 === 0 ? `${nth(i)} ${it.name}` : it.name,
    department: deptOf(it.department),
    conditions: `${P.script} ${it.conditions ?? ""}`,
    fees: i % 2 === 0 ? P.tpl : (it.fees ?? ""),
    materials: [...(it.materials ?? []), ...(i % 4 === 0 ? [{ name: nth(i + 1), form: "copy" as const, copies: 1, required: true }] : [])],
  }));
}

/** The hall's guides: the online list with differences (guide-differs) and a late publication. */
export function hostileHallItems(): Item[] {
  return hostileOnlineItems().map((it, i) =>
    i % 5 === 0
      ? { ...it, promisedDays: (it.promisedDays ?? 0) + 2, materials: [...(it.materials ?? []), { name: nth(i + 3), form: "original" as const, copies: 2, required: true }] }
      : i === 1
        ? { ...it, approvedAt: "2026-03-02", publishedAt: "2026-03-20" }
        : it,
  );
}

/** A second online version: a renamed item and an added material, for the version diff. */
export function hostileOnlineV2(): Item[] {
  return hostileOnlineItems().map((it, i) =>
    i === 1 ? { ...it, name: P.flagSvg } : i === 2 ? { ...it, materials: [...(it.materials ?? []), { name: P.flag, form: "copy" as const, copies: 1, required: false }] } : it,
  );
}
