-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Hall" (
    "id" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Hall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Token" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "hallId" TEXT,
    "windowId" TEXT,
    "label" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "seq" SERIAL NOT NULL,
    "hallId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tsMs" BIGINT NOT NULL,
    "windowId" TEXT,
    "ticketId" TEXT,
    "deviceId" TEXT,
    "deviceSeq" BIGINT,
    "receivedMs" BIGINT NOT NULL,
    "payload" TEXT NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Quarantine" (
    "id" SERIAL NOT NULL,
    "hallId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "eventId" TEXT,
    "field" TEXT,
    "error" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedMs" BIGINT NOT NULL,

    CONSTRAINT "Quarantine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Meta_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ItemListVersion" (
    "id" SERIAL NOT NULL,
    "hallId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "itemCount" INTEGER NOT NULL,
    "skippedRows" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ItemListVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceItemRow" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "ServiceItemRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "holidays" TEXT NOT NULL,
    "workdays" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "ConsistencyFinding" (
    "id" SERIAL NOT NULL,
    "hallId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ConsistencyFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpCase" (
    "id" SERIAL NOT NULL,
    "hallId" TEXT NOT NULL,
    "evaluationEventId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "ticketNo" TEXT,
    "windowId" TEXT NOT NULL,
    "itemCode" TEXT,
    "rating" INTEGER NOT NULL,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,
    "deadline" TEXT NOT NULL,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL,
    "history" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUpCase_pkey" PRIMARY KEY ("id")
);

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

    CONSTRAINT "WindowRollup_pkey" PRIMARY KEY ("hallId","windowId","bucket")
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

    CONSTRAINT "CategoryRollup_pkey" PRIMARY KEY ("hallId","categoryId","bucket")
);

-- CreateTable
CREATE TABLE "WaitSample" (
    "hallId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "waitMs" BIGINT NOT NULL,

    CONSTRAINT "WaitSample_pkey" PRIMARY KEY ("hallId","ticketId")
);

-- CreateTable
CREATE TABLE "RollupDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "dirtySince" BIGINT,
    "dirtyGen" INTEGER NOT NULL DEFAULT 0,
    "computedAt" BIGINT,

    CONSTRAINT "RollupDay_pkey" PRIMARY KEY ("hallId","day")
);

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

    CONSTRAINT "WindowDay_pkey" PRIMARY KEY ("hallId","day","windowId")
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

    CONSTRAINT "CategoryDay_pkey" PRIMARY KEY ("hallId","day","categoryId")
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

    CONSTRAINT "HourDay_pkey" PRIMARY KEY ("hallId","day","hour")
);

-- CreateTable
CREATE TABLE "WaitDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "waits" BYTEA NOT NULL,
    "hours" BYTEA NOT NULL,

    CONSTRAINT "WaitDay_pkey" PRIMARY KEY ("hallId","day","categoryId","windowId")
);

-- CreateTable
CREATE TABLE "WindowHourDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "openMs" BIGINT NOT NULL,
    "busyMs" BIGINT NOT NULL,

    CONSTRAINT "WindowHourDay_pkey" PRIMARY KEY ("hallId","day","windowId","hour")
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

    CONSTRAINT "CategoryHourDay_pkey" PRIMARY KEY ("hallId","day","categoryId","hour")
);

-- CreateTable
CREATE TABLE "TicketEstimate" (
    "hallId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "issuedMs" BIGINT NOT NULL,
    "estimatedMs" BIGINT NOT NULL,
    "p50Minutes" DOUBLE PRECISION,
    "p80Minutes" DOUBLE PRECISION,
    "basis" TEXT NOT NULL,
    "modelP50Minutes" DOUBLE PRECISION,
    "modelP80Minutes" DOUBLE PRECISION,

    CONSTRAINT "TicketEstimate_pkey" PRIMARY KEY ("hallId","ticketId")
);

-- CreateTable
CREATE TABLE "WindowIdleDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "idleMs" BIGINT NOT NULL,
    "idleEpisodes" INTEGER NOT NULL,

    CONSTRAINT "WindowIdleDay_pkey" PRIMARY KEY ("hallId","day","windowId")
);

-- CreateTable
CREATE TABLE "PriorityWaitDay" (
    "hallId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "waits" BYTEA NOT NULL,

    CONSTRAINT "PriorityWaitDay_pkey" PRIMARY KEY ("hallId","day","categoryId","priority")
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

-- CreateIndex
CREATE INDEX "WindowRollup_hallId_bucket_idx" ON "WindowRollup"("hallId", "bucket");

-- CreateIndex
CREATE INDEX "CategoryRollup_hallId_bucket_idx" ON "CategoryRollup"("hallId", "bucket");

-- CreateIndex
CREATE INDEX "WaitSample_hallId_bucket_idx" ON "WaitSample"("hallId", "bucket");

-- CreateIndex
CREATE INDEX "RollupDay_dirtySince_idx" ON "RollupDay"("dirtySince");

-- CreateIndex
CREATE INDEX "TicketEstimate_hallId_issuedMs_idx" ON "TicketEstimate"("hallId", "issuedMs");

-- AddForeignKey
ALTER TABLE "ServiceItemRow" ADD CONSTRAINT "ServiceItemRow_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ItemListVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

