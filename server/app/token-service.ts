// Issues, checks and revokes bearer tokens. Secrets are random, shown once, and kept only as SHA-256
// hashes; an in-memory index by hash makes each check a map lookup and revocation take effect at once.
// In a cluster (issue #11) a token made on another node reaches this one's index through a notice a moment
// later; a request that comes first looks the hash up in the shared database (`authenticateFresh`).
import { createHash, randomBytes } from "node:crypto";
import type { CreatedToken, CreateTokenRequest, TokenInfo } from "../../contract/index.js";
import { CappedLookups } from "./capped-lookups.js";
import type { TokenRecord, TokenRepository } from "./ports.js";

export const BOOTSTRAP_ADMIN_ID = "bootstrap-admin";

export const hashToken = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");
/** The hash of a secret worth looking for (null: none, empty, or longer than any secret issued). */
const hashOfSecret = (secret: string | undefined | null) => (typeof secret === "string" && secret.length > 0 && secret.length <= 256 ? hashToken(secret) : null);
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

/** Database lookups of unknown tokens at once, at most: more unknown tokens than that wait for no one. */
export const MAX_MISS_LOOKUPS = 4;

export interface TokenServiceOptions {
  /**
   * Look an unknown token up in the database before refusing it. Only where other processes write tokens
   * to the same database (a cluster); a single node's index is the whole truth, and a guesser's random
   * tokens should not cost it a query each.
   */
  lookupOnMiss?: boolean;
}

export class TokenService {
  private readonly byHash = new Map<string, TokenRecord>();
  private readonly revokeListeners: ((tokenId: string) => void)[] = [];
  private readonly changeListeners: ((origin: "local" | "remote") => void)[] = [];
  /** Bumped by every load and revocation: a lookup that spans one trusts the index, not its own answer. */
  private generation = 0;
  private readonly lookups = new CappedLookups<TokenRecord>(MAX_MISS_LOOKUPS);

  constructor(
    private readonly repo: TokenRepository,
    private readonly options: TokenServiceOptions = {},
  ) {}

  async load(): Promise<void> {
    // Read first, then swap: a reload never leaves a moment in which no token authenticates.
    const active = await this.repo.activeWithHashes();
    this.generation++;
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
    const tokenHash = hashOfSecret(secret);
    return tokenHash === null ? null : (this.byHash.get(tokenHash) ?? null);
  }

  /**
   * `authenticate`, and with `lookupOnMiss` an unknown token is looked up in the database: a display given a
   * token just made on another node is let in on its first try instead of being refused until the notice
   * arrives (a refused display stops retrying). One lookup per token at a time and MAX_MISS_LOOKUPS in all;
   * beyond that a miss is refused as before, and the failed-authentication guard still counts every refusal.
   */
  async authenticateFresh(secret: string | undefined | null): Promise<TokenRecord | null> {
    const tokenHash = hashOfSecret(secret);
    if (tokenHash === null) return null;
    const known = this.byHash.get(tokenHash) ?? null;
    if (known || !this.options.lookupOnMiss) return known;
    return this.lookups.run(tokenHash, () => this.lookUp(tokenHash));
  }

  private async lookUp(tokenHash: string): Promise<TokenRecord | null> {
    const generation = this.generation;
    const found = await this.repo.activeByHash(tokenHash);
    // A reload or revocation while the query ran knows better (the token may have been revoked meanwhile).
    if (generation !== this.generation) return this.byHash.get(tokenHash) ?? null;
    if (found) this.byHash.set(tokenHash, found);
    return found;
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
    this.generation++;
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
