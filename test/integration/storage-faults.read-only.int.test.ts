// A read-only database, against the real server process and real kernel behaviour: the database and its
// WAL are made immutable with `chattr +i` (the kernel answers EPERM to every write, even through
// descriptors opened before, as with a file system gone read-only); `chattr -i` is "writable again".
// (`mount -o remount,ro` is refused while the server holds the file open for writing, and root ignores
// file modes, so neither can fail a running server's writes.) HTTP and socket.io ingest must answer
// errors and never `accepted` for an event that is not in the file, /api/health and /display stay up,
// the live figures stay equal to the file's, and the same events are accepted exactly once when the file
// is writable again; a start on the read-only file exits with one clear message naming the file. The
// scenario is skipped, with the reason printed, only when immutable files are not available (no
// CAP_LINUX_IMMUTABLE or a file system without it). Shared setup: storage-faults-fixture.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { ServerProcess, tempDir } from "../helpers/server-process.js";
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

/** Immutable files whose writes fail even through a descriptor opened before (ext4, xfs, btrfs; not tmpfs). */
function probeImmutable(): string | null {
  const dir = tempDir("hallpulse-probe-immutable-");
  const file = path.join(dir, "f");
  const fd = fs.openSync(file, "w+");
  try {
    fs.writeSync(fd, "x");
    try {
      run("chattr", ["+i", file]);
    } catch (err) {
      return `chattr +i is not available (needs root with CAP_LINUX_IMMUTABLE and a file system that supports it): ${errorText(err)}`;
    }
    try {
      fs.writeSync(fd, "y");
      return `the file system of ${os.tmpdir()} lets an open descriptor write to an immutable file`;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EPERM" ? null : `unexpected error writing an immutable file: ${errorText(err)}`;
    }
  } finally {
    fs.closeSync(fd);
    try {
      run("chattr", ["-i", file]);
    } catch {
      // never set
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const immutableUnavailable = probeImmutable();
if (immutableUnavailable) console.warn(`[storage-faults] SKIPPING the read-only tests: ${immutableUnavailable}`);

function setImmutable(files: string[], on: boolean): void {
  for (const f of files) if (fs.existsSync(f)) run("chattr", [on ? "+i" : "-i", f]);
}

setUpMigratedTemplate();

describe.skipIf(immutableUnavailable !== null)("read-only database (chattr +i on the file and its WAL)", () => {
  let r: Rig | null = null;
  let server: ServerProcess | null = null;

  afterAll(async () => {
    if (server) setImmutable([server.dbFile, `${server.dbFile}-wal`, `${server.dbFile}-shm`, server.dir], false);
    await r?.close();
    server?.remove();
  });

  it("answers ingest with storage_unavailable while the file is read-only, stays up, and takes the same events once it is writable", async () => {
    server = onMigratedCopy();
    r = await rig(server, "ro-");
    await baseline(r);

    const files = [server.dbFile, `${server.dbFile}-wal`];
    setImmutable(files, true);
    let refused: HallEvent[];
    try {
      refused = await expectIngestRefused(r, "ro");
    } finally {
      setImmutable(files, false);
    }
    await expectRecovered(r, refused);
  });

  it("refuses to start on a read-only database with a message naming the file", async () => {
    if (!server) throw new Error("needs the server of the previous test");
    await r?.close();
    r = null;
    // A clean stop checkpointed and removed the WAL; make the file and its directory unwritable.
    setImmutable([server.dbFile, server.dir], true);
    try {
      const out = await startExpectingFailure(server.dbFile);
      expectClearMessage(out, server.dbFile, /read-only.*writable/i);
    } finally {
      setImmutable([server.dbFile, server.dir], false);
    }
  });
});
