// Measures what the wall page loads — the entry, the wall's own chunk and every chunk they import
// statically — as gzip bytes, from the build manifest, and fails when its JavaScript exceeds 400 KB.
// The citizens' public page (issue #10, its own entry public.html) is measured the same way against
// 60 KB: it is opened on phones over weak mobile connections.
// `npm run check:bundle` (after `npm run build:client`); CI runs it. `--json` prints the figures.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { projectRoot } from "../server/project-root.js";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export const WALL_JS_BUDGET = 400 * 1024;
export const PUBLIC_JS_BUDGET = 60 * 1024;

function readManifest(clientDir: string): Record<string, ManifestChunk> {
  return JSON.parse(fs.readFileSync(path.join(clientDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
}

/** The gzip sizes of the chunks reachable by static imports from `keys`. */
function measure(clientDir: string, manifest: Record<string, ManifestChunk>, keys: string[]) {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join(clientDir, file)), { level: 9 }).length;
  const js = [...seen].map((k) => manifest[k]?.file as string);
  const css = [...new Set([...seen].flatMap((k) => manifest[k]?.css ?? []))];
  return { jsFiles: js.length, jsGzipBytes: js.reduce((sum, f) => sum + gz(f), 0), cssGzipBytes: css.reduce((sum, f) => sum + gz(f), 0) };
}

/** What /public/:hallId loads: the public.html entry and its static imports. */
export function publicBundle(clientDir: string) {
  const manifest = readManifest(clientDir);
  const key = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith("public.html"));
  if (!key) throw new Error("the manifest has no public.html entry");
  return measure(clientDir, manifest, [key]);
}

export function wallBundle(clientDir: string) {
  const manifest = readManifest(clientDir);
  // The app's entry (index.html), not the public page's.
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry && !k.endsWith("public.html"));
  const wallKey = Object.keys(manifest).find((k) => k.endsWith("views/wall/WallView.vue"));
  if (!entryKey || !wallKey) throw new Error("the manifest has no entry or no WallView chunk");
  return measure(clientDir, manifest, [entryKey, wallKey]);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const clientDir = path.join(projectRoot(), "dist", "client");
  const figures = wallBundle(clientDir);
  const pub = publicBundle(clientDir);
  const kb = (n: number) => (n / 1024).toFixed(1);
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify({ ...figures, public: pub })}\n`);
  else {
    process.stdout.write(`wall page: ${figures.jsFiles} JS files, ${kb(figures.jsGzipBytes)} KB JS gzip (budget ${WALL_JS_BUDGET / 1024} KB), ${kb(figures.cssGzipBytes)} KB CSS gzip\n`);
    process.stdout.write(`public page: ${pub.jsFiles} JS files, ${kb(pub.jsGzipBytes)} KB JS gzip (budget ${PUBLIC_JS_BUDGET / 1024} KB), ${kb(pub.cssGzipBytes)} KB CSS gzip\n`);
  }
  if (figures.jsGzipBytes > WALL_JS_BUDGET) {
    process.stderr.write("the wall page's JavaScript is over its 400 KB gzip budget\n");
    process.exit(1);
  }
  if (pub.jsGzipBytes > PUBLIC_JS_BUDGET) {
    process.stderr.write("the public page's JavaScript is over its 60 KB gzip budget\n");
    process.exit(1);
  }
}
