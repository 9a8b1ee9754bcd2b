-- CreateTable
CREATE TABLE "WindowHourDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "openMs" BIGINT NOT NULL,
    "busyMs" BIGINT NOT NULL,

    PRIMARY KEY ("hallId", "day", "windowId", "hour")
);

-- CreateTable
CREATE TABLE "CategoryHourDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "arrivals" INTEGER NOT NULL,
    "handleMsSum" BIGINT NOT NULL,
    "handleCount" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "day", "categoryId", "hour")
);


-- Backfill: every day already rolled up is marked for recomputation, so that the rollup worker writes
-- its new cells (from the event log, oldest first; pendingDays counts down meanwhile).
UPDATE "RollupDay" SET "dirtySince" = COALESCE("dirtySince", CAST(strftime('%s', 'now') AS INTEGER) * 1000), "dirtyGen" = "dirtyGen" + 1;
