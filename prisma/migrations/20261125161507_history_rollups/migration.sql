-- CreateTable
CREATE TABLE "WindowRollup" (
    "hallId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "openMs" INTEGER NOT NULL,
    "busyMs" INTEGER NOT NULL,
    "served" INTEGER NOT NULL,
    "handleMsSum" BIGINT NOT NULL,
    "handleCount" INTEGER NOT NULL,
    "ratingSum" INTEGER NOT NULL,
    "ratingCount" INTEGER NOT NULL,
    "poorRatings" INTEGER NOT NULL,
    "noShows" INTEGER NOT NULL,
    "firstCalls" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "windowId", "bucket")
);

-- CreateTable
CREATE TABLE "CategoryRollup" (
    "hallId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "arrivals" INTEGER NOT NULL,
    "firstCalls" INTEGER NOT NULL,
    "waitMsSum" BIGINT NOT NULL,
    "waitMsMax" BIGINT NOT NULL,
    "served" INTEGER NOT NULL,
    "handleMsSum" BIGINT NOT NULL,
    "handleCount" INTEGER NOT NULL,
    "ratingSum" INTEGER NOT NULL,
    "ratingCount" INTEGER NOT NULL,
    "poorRatings" INTEGER NOT NULL,
    "noShows" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "categoryId", "bucket")
);

-- CreateTable
CREATE TABLE "WaitSample" (
    "hallId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "waitMs" BIGINT NOT NULL,

    PRIMARY KEY ("hallId", "ticketId")
);

-- CreateTable
CREATE TABLE "RollupDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "dirtySince" BIGINT,
    "dirtyGen" INTEGER NOT NULL DEFAULT 0,
    "computedAt" BIGINT,

    PRIMARY KEY ("hallId", "day")
);

-- CreateIndex
CREATE INDEX "WindowRollup_hallId_bucket_idx" ON "WindowRollup"("hallId", "bucket");

-- CreateIndex
CREATE INDEX "CategoryRollup_hallId_bucket_idx" ON "CategoryRollup"("hallId", "bucket");

-- CreateIndex
CREATE INDEX "WaitSample_hallId_bucket_idx" ON "WaitSample"("hallId", "bucket");

-- CreateIndex
CREATE INDEX "RollupDay_dirtySince_idx" ON "RollupDay"("dirtySince");

