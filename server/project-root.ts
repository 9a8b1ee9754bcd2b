// The project folder (where package.json, prisma/ and dist/ live), found from this file so that the
// server works from the source tree (tsx) and from dist/ alike.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "prisma"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the HallPulse project folder");
    dir = parent;
  }
}

export function packageVersion(root: string): string {
  return (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
}
