// DATABASE_URL (file:…) to an absolute file path, resolved against the working directory like Prisma's
// SQLite adapter does, so that the server, the Prisma CLI and Prisma Client open the same file.
import path from "node:path";

export function sqlitePathFromUrl(url: string, cwd = process.cwd()): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite, got "${url.split(":")[0]}:…"`);
  const rest = url.slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0] ?? "";
  if (rest === "") throw new Error("DATABASE_URL has no file path");
  return path.resolve(cwd, rest);
}
