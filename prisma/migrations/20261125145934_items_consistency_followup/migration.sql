-- CreateTable
CREATE TABLE "ItemListVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hallId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "itemCount" INTEGER NOT NULL,
    "skippedRows" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ServiceItemRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    CONSTRAINT "ServiceItemRow_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ItemListVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "holidays" TEXT NOT NULL,
    "workdays" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConsistencyFinding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hallId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "firstSeen" DATETIME NOT NULL,
    "lastSeen" DATETIME NOT NULL,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "FollowUpCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hallId" TEXT NOT NULL,
    "evaluationEventId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "ticketNo" TEXT,
    "windowId" TEXT NOT NULL,
    "itemCode" TEXT,
    "rating" INTEGER NOT NULL,
    "evaluatedAt" DATETIME NOT NULL,
    "deadline" TEXT NOT NULL,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL,
    "history" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ItemListVersion_hallId_source_version_key" ON "ItemListVersion"("hallId", "source", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceItemRow_versionId_code_key" ON "ServiceItemRow"("versionId", "code");

-- CreateIndex
CREATE INDEX "ConsistencyFinding_hallId_closedAt_idx" ON "ConsistencyFinding"("hallId", "closedAt");

-- CreateIndex
CREATE INDEX "ConsistencyFinding_hallId_rule_firstSeen_idx" ON "ConsistencyFinding"("hallId", "rule", "firstSeen");

-- CreateIndex
CREATE INDEX "ConsistencyFinding_hallId_key_idx" ON "ConsistencyFinding"("hallId", "key");

-- CreateIndex
CREATE INDEX "FollowUpCase_hallId_state_idx" ON "FollowUpCase"("hallId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpCase_hallId_evaluationEventId_key" ON "FollowUpCase"("hallId", "evaluationEventId");

