// Disk full, against the real server process and real kernel behaviour: the database lives on a small
// tmpfs filled with a ballast file (real ENOSPC, SQLite answers SQLITE_FULL); deleting the ballast is
// "space returns". HTTP and socket.io ingest must answer errors and never `accepted` for an event that is
// not in the file, /api/health and /display stay up, the live figures stay equal to the file's, and the
// same events are accepted exactly once when space returns; a start on the full disk exits with one
// clear message naming the file. The scenario is skipped, with the reason printed, only when a tmpfs
// cannot be mounted (no CAP_SYS_ADMIN). Shared setup: storage-faults-fixture.ts.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/server-process.js";
import {
  baseline,
  errorText,
  expectClearMessage,
  expectIngestRefused,
  expectRecovered,
  onMigratedCopy,
  rig,
  run,
  setUpMigratedTemplate,
  startExpectingFailure,
  type Rig,
} from "./storage-faults-fixture.js";

// The fault mechanism, probed once.

function probeTmpfs(): string | null {
  const dir = tempDir("hallpulse-probe-tmpfs-");
  try {
    run("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]);
    run("umount", [dir]);
    return null;
  } catch (err) {
    return `cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): ${errorText(err)}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const tmpfsUnavailable = probeTmpfs();
if (tmpfsUnavailable) console.warn(`[storage-faults] SKIPPING the disk-full test: ${tmpfsUnavailable}`);

/** Fills the file system holding `dir` with a ballast file until the kernel answers ENOSPC. */
function fillDisk(dir: string): string {
  const ballast = path.join(dir, "ballast");
  const fd = fs.openSync(ballast, "w");
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const buf = Buffer.alloc(size, 0x55);
      for (let i = 0; ; i++) {
        try {
          fs.writeSync(fd, buf);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw err;
        }
        if (size === 1 && i > 8192) throw new Error("the file system never filled up");
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  // Sanity: no byte fits anywhere any more.
  expect(() => fs.writeFileSync(path.join(dir, "probe"), "x")).toThrow(/ENOSPC/);
  return ballast;
}

/** Empties the WAL so that the server's next commit must grow it (a WAL with room would still take it). */
function truncateWal(dbFile: string): void {
  const db = new Database(dbFile, { timeout: 5000 });
  try {
    const [r] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    expect(r?.busy).toBe(0);
  } finally {
    db.close();
  }
  expect(fs.statSync(`${dbFile}-wal`).size).toBe(0);
}

setUpMigratedTemplate();

describe.skipIf(tmpfsUnavailable !== null)("disk full (a 16 MiB tmpfs filled with a ballast file)", () => {
  let dir = "";
  let r: Rig | null = null;

  beforeAll(() => {
    dir = tempDir("hallpulse-full-");
    run("mount", ["-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", dir]);
  });

  afterAll(async () => {
    await r?.close();
    try {
      run("umount", [dir]);
    } catch {
      run("umount", ["-l", dir]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers ingest with storage_unavailable while the disk is full, stays up, and takes the same events once space returns", async () => {
    r = await rig(onMigratedCopy(dir), "full-");
    await baseline(r);

    truncateWal(r.server.dbFile);
    const ballast = fillDisk(dir);
    const refused = await expectIngestRefused(r, "full");

    fs.rmSync(ballast);
    await expectRecovered(r, refused);
    expect(r.server.output).toMatch(/storage unavailable/);
    // The server survived any background writer that hit the full disk too.
    expect((await fetch(`${r.server.url}/api/health`)).status).toBe(200);
  });

  it("refuses to start on a full disk with a message naming the file", async () => {
    if (!r) throw new Error("needs the server of the previous test");
    const dbFile = r.server.dbFile;
    await r.close();
    r = null;
    const ballast = fillDisk(dir);
    try {
      expectClearMessage(await startExpectingFailure(dbFile), dbFile, /full.*free space/i);
    } finally {
      fs.rmSync(ballast);
    }
  });
});
