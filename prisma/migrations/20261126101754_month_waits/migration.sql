-- CreateTable
CREATE TABLE "WaitMonth" (
    "hallId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "waits" BLOB NOT NULL,
    "hours" BLOB NOT NULL,
    "days" BLOB NOT NULL,

    PRIMARY KEY ("hallId", "month", "categoryId", "windowId")
);

-- CreateTable
CREATE TABLE "PriorityWaitMonth" (
    "hallId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "waits" BLOB NOT NULL,

    PRIMARY KEY ("hallId", "month", "categoryId", "priority")
);

-- CreateTable
CREATE TABLE "RollupMonth" (
    "hallId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "builtAt" BIGINT NOT NULL,

    PRIMARY KEY ("hallId", "month")
);

