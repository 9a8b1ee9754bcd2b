// The token table in memory, for unit tests of what sits on a TokenRepository (the token service, the
// socket handshake, cluster notices). Rows may be written behind the service's back, as another node would.
import type { TokenRecord, TokenRepository } from "../../server/app/ports.js";

export class MemoryTokens implements TokenRepository {
  readonly rows = new Map<string, { record: TokenRecord; tokenHash: string }>();
  /** Database lookups of single hashes so far (activeByHash). */
  lookups = 0;
  /** When set, activeByHash reads the row, then waits for it before answering (an answer in flight). */
  gate: Promise<void> | null = null;

  async create(record: Omit<TokenRecord, "createdAt" | "revokedAt">, tokenHash: string): Promise<TokenRecord> {
    const full: TokenRecord = { ...record, createdAt: new Date(0), revokedAt: null };
    this.rows.set(record.id, { record: full, tokenHash });
    return full;
  }
  async upsertBootstrap(): Promise<void> {}
  async exists(id: string): Promise<boolean> {
    return this.rows.has(id);
  }
  async revoke(id: string, at: Date): Promise<TokenRecord | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    row.record = { ...row.record, revokedAt: at };
    return row.record;
  }
  async activeWithHashes(): Promise<{ record: TokenRecord; tokenHash: string }[]> {
    return [...this.rows.values()].filter((r) => r.record.revokedAt === null);
  }
  async activeByHash(tokenHash: string): Promise<TokenRecord | null> {
    this.lookups++;
    const row = [...this.rows.values()].find((r) => r.tokenHash === tokenHash);
    const answer = row && row.record.revokedAt === null ? row.record : null;
    if (this.gate) await this.gate;
    return answer;
  }
  async list(): Promise<TokenRecord[]> {
    return [...this.rows.values()].map((r) => r.record);
  }
}
