
-- CreateTable
CREATE TABLE "TicketEstimate" (
    "hallId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "issuedMs" BIGINT NOT NULL,
    "estimatedMs" BIGINT NOT NULL,
    "p50Minutes" REAL,
    "p80Minutes" REAL,
    "basis" TEXT NOT NULL,
    "modelP50Minutes" REAL,
    "modelP80Minutes" REAL,

    PRIMARY KEY ("hallId", "ticketId")
);

-- CreateIndex
CREATE INDEX "TicketEstimate_hallId_issuedMs_idx" ON "TicketEstimate"("hallId", "issuedMs");

