-- CreateTable
CREATE TABLE "WindowDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "openMs" BIGINT NOT NULL,
    "busyMs" BIGINT NOT NULL,
    "served" INTEGER NOT NULL,
    "handleMsSum" BIGINT NOT NULL,
    "handleCount" INTEGER NOT NULL,
    "ratingSum" INTEGER NOT NULL,
    "ratingCount" INTEGER NOT NULL,
    "poorRatings" INTEGER NOT NULL,
    "noShows" INTEGER NOT NULL,
    "firstCalls" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "day", "windowId")
);

-- CreateTable
CREATE TABLE "CategoryDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
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

    PRIMARY KEY ("hallId", "day", "categoryId")
);

-- CreateTable
CREATE TABLE "HourDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "openMs" BIGINT NOT NULL,
    "busyMs" BIGINT NOT NULL,
    "served" INTEGER NOT NULL,
    "noShows" INTEGER NOT NULL,
    "handleMsSum" BIGINT NOT NULL,
    "handleCount" INTEGER NOT NULL,
    "ratingSum" INTEGER NOT NULL,
    "ratingCount" INTEGER NOT NULL,
    "poorRatings" INTEGER NOT NULL,
    "arrivals" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "day", "hour")
);

-- CreateTable
CREATE TABLE "WaitDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "waits" BLOB NOT NULL,
    "hours" BLOB NOT NULL,

    PRIMARY KEY ("hallId", "day", "categoryId", "windowId")
);

