-- CreateTable
CREATE TABLE "WindowIdleDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "idleMs" BIGINT NOT NULL,
    "idleEpisodes" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "day", "windowId")
);

-- CreateTable
CREATE TABLE "PriorityWaitDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "waits" BLOB NOT NULL,

    PRIMARY KEY ("hallId", "day", "categoryId", "priority")
);


-- Backfill: every day already rolled up is marked for recomputation, so that the rollup worker writes
-- its idle and priority-wait rows (from the event log, oldest first; pendingDays counts down meanwhile).
UPDATE "RollupDay" SET "dirtySince" = COALESCE("dirtySince", CAST(strftime('%s', 'now') AS INTEGER) * 1000), "dirtyGen" = "dirtyGen" + 1;
