-- CreateTable
CREATE TABLE "WaitMonth" (
    "hallId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "waits" BYTEA NOT NULL,
    "hours" BYTEA NOT NULL,
    "days" BYTEA NOT NULL,

    CONSTRAINT "WaitMonth_pkey" PRIMARY KEY ("hallId","month","categoryId","windowId")
);

-- CreateTable
CREATE TABLE "PriorityWaitMonth" (
    "hallId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "waits" BYTEA NOT NULL,

    CONSTRAINT "PriorityWaitMonth_pkey" PRIMARY KEY ("hallId","month","categoryId","priority")
);

-- CreateTable
CREATE TABLE "RollupMonth" (
    "hallId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "builtAt" BIGINT NOT NULL,

    CONSTRAINT "RollupMonth_pkey" PRIMARY KEY ("hallId","month")
);

