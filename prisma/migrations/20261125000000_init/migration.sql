-- CreateTable
CREATE TABLE "Hall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "config" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "hallId" TEXT,
    "windowId" TEXT,
    "label" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Event" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hallId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tsMs" BIGINT NOT NULL,
    "windowId" TEXT,
    "ticketId" TEXT,
    "deviceId" TEXT,
    "deviceSeq" BIGINT,
    "receivedMs" BIGINT NOT NULL,
    "payload" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Quarantine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hallId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "eventId" TEXT,
    "field" TEXT,
    "error" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedMs" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Token_tokenHash_key" ON "Token"("tokenHash");

-- CreateIndex
CREATE INDEX "Token_hallId_idx" ON "Token"("hallId");

-- CreateIndex
CREATE INDEX "Event_hallId_tsMs_idx" ON "Event"("hallId", "tsMs");

-- CreateIndex
CREATE INDEX "Event_hallId_ticketId_idx" ON "Event"("hallId", "ticketId");

-- CreateIndex
CREATE INDEX "Event_hallId_windowId_type_tsMs_idx" ON "Event"("hallId", "windowId", "type", "tsMs");

-- CreateIndex
CREATE UNIQUE INDEX "Event_hallId_eventId_key" ON "Event"("hallId", "eventId");

-- CreateIndex
CREATE INDEX "Quarantine_hallId_id_idx" ON "Quarantine"("hallId", "id");

