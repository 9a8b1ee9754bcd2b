// Measures what the wall page loads — the entry, the wall's own chunk and every chunk they import
// statically — as gzip bytes, from the build manifest, and fails when its JavaScript exceeds 400 KB.
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

export function wallBundle(clientDir: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(clientDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  const wallKey = Object.keys(manifest).find((k) => k.endsWith("views/wall/WallView.vue"));
  if (!entryKey || !wallKey) throw new Error("the manifest has no entry or no WallView chunk");
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) visit(i);
  };
  visit(entryKey);
  visit(wallKey);
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join(clientDir, file)), { level: 9 }).length;
  const js = [...seen].map((k) => manifest[k]?.file as string);
  const css = [...new Set([...seen].flatMap((k) => manifest[k]?.css ?? []))];
  return {
    jsFiles: js.length,
    jsGzipBytes: js.reduce((sum, f) => sum + gz(f), 0),
    cssGzipBytes: css.reduce((sum, f) => sum + gz(f), 0),
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const figures = wallBundle(path.join(projectRoot(), "dist", "client"));
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else
    process.stdout.write(
      `wall page: ${figures.jsFiles} JS files, ${(figures.jsGzipBytes / 1024).toFixed(1)} KB JS gzip (budget ${WALL_JS_BUDGET / 1024} KB), ${(figures.cssGzipBytes / 1024).toFixed(1)} KB CSS gzip\n`,
    );
  if (figures.jsGzipBytes > WALL_JS_BUDGET) {
    process.stderr.write("the wall page's JavaScript is over its 400 KB gzip budget\n");
    process.exit(1);
  }
}
