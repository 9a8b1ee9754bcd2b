// Issues, checks and revokes bearer tokens. Secrets are random, shown once, and kept only as SHA-256
// hashes; an in-memory index by hash makes each check a map lookup and revocation take effect at once.
import { createHash, randomBytes } from "node:crypto";
import type { CreatedToken, CreateTokenRequest, TokenInfo } from "../../contract/index.js";
import type { TokenRecord, TokenRepository } from "./ports.js";

export const BOOTSTRAP_ADMIN_ID = "bootstrap-admin";

export const hashToken = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");
const newSecret = () => `hp_${randomBytes(32).toString("base64url")}`;
const newId = () => `tok_${randomBytes(9).toString("base64url")}`;

export function tokenInfo(r: TokenRecord): TokenInfo {
  return {
    id: r.id,
    role: r.role,
    hallId: r.hallId,
    windowId: r.windowId,
    label: r.label,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
  };
}

export class TokenService {
  private readonly byHash = new Map<string, TokenRecord>();
  private readonly revokeListeners: ((tokenId: string) => void)[] = [];
  private readonly changeListeners: ((origin: "local" | "remote") => void)[] = [];

  constructor(private readonly repo: TokenRepository) {}

  async load(): Promise<void> {
    // Read first, then swap: a reload never leaves a moment in which no token authenticates.
    const active = await this.repo.activeWithHashes();
    this.byHash.clear();
    for (const { record, tokenHash } of active) this.byHash.set(tokenHash, record);
  }

  /**
   * Makes sure a bootstrap admin exists: the ADMIN_TOKEN from the environment when given (its hash
   * replaces the stored one), else one generated on first start. Returns the secret only when it was
   * generated now, so that it is printed exactly once.
   */
  async ensureBootstrapAdmin(envToken: string | undefined): Promise<string | null> {
    if (envToken !== undefined && envToken !== "") {
      await this.repo.upsertBootstrap(BOOTSTRAP_ADMIN_ID, hashToken(envToken));
      await this.load();
      return null;
    }
    if (await this.repo.exists(BOOTSTRAP_ADMIN_ID)) return null;
    const secret = newSecret();
    await this.repo.upsertBootstrap(BOOTSTRAP_ADMIN_ID, hashToken(secret));
    await this.load();
    return secret;
  }

  authenticate(secret: string | undefined | null): TokenRecord | null {
    if (typeof secret !== "string" || secret.length === 0 || secret.length > 256) return null;
    return this.byHash.get(hashToken(secret)) ?? null;
  }

  async create(req: CreateTokenRequest): Promise<CreatedToken> {
    const secret = newSecret();
    const tokenHash = hashToken(secret);
    const record = await this.repo.create(
      { id: newId(), role: req.role, hallId: req.hallId ?? null, windowId: req.windowId ?? null, label: req.label ?? null },
      tokenHash,
    );
    this.byHash.set(tokenHash, record);
    for (const listener of this.changeListeners) listener("local");
    return {
      id: record.id,
      token: secret,
      role: record.role,
      ...(record.hallId !== null ? { hallId: record.hallId } : {}),
      ...(record.windowId !== null ? { windowId: record.windowId } : {}),
      ...(record.label !== null ? { label: record.label } : {}),
    };
  }

  async revoke(id: string, at: Date): Promise<TokenRecord | null> {
    const record = await this.repo.revoke(id, at);
    if (!record) return null;
    for (const [hash, r] of this.byHash) if (r.id === id) this.byHash.delete(hash);
    for (const listener of this.revokeListeners) listener(id);
    for (const listener of this.changeListeners) listener("local");
    return record;
  }

  /**
   * Re-reads the active tokens (another node of a cluster created or revoked one): a token revoked there
   * stops working here at once, and its sockets here are closed like a local revocation's.
   */
  async reload(): Promise<void> {
    const before = new Set([...this.byHash.values()].map((r) => r.id));
    await this.load();
    const now = new Set([...this.byHash.values()].map((r) => r.id));
    for (const id of before) if (!now.has(id)) for (const listener of this.revokeListeners) listener(id);
    for (const listener of this.changeListeners) listener("remote");
  }

  /** Tokens were created or revoked here ("local") or re-read after a change elsewhere ("remote"). */
  onChange(listener: (origin: "local" | "remote") => void): void {
    this.changeListeners.push(listener);
  }

  list(hallId: string | null): Promise<TokenRecord[]> {
    return this.repo.list(hallId);
  }

  onRevoke(listener: (tokenId: string) => void): void {
    this.revokeListeners.push(listener);
  }
}
