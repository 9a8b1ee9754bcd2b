// The token service's index and, in a cluster, its lookup of tokens it does not know yet (issue #11): a
// token another node wrote to the shared database is let in on its first use; a revoked or unknown one is
// not; a revocation that lands while a lookup runs wins; lookups are shared per token and capped in number.
import { describe, expect, it } from "vitest";
import { MemoryTokens } from "../../test/helpers/memory-tokens.js";
import { hashToken, MAX_MISS_LOOKUPS, TokenService } from "./token-service.js";

/** Writes a token straight to the shared table, as another node does: this node's index does not know it. */
function madeElsewhere(repo: MemoryTokens, id: string, secret: string, revoked = false) {
  repo.rows.set(id, {
    tokenHash: hashToken(secret),
    record: { id, role: "display", hallId: "h1", windowId: null, label: null, createdAt: new Date(0), revokedAt: revoked ? new Date(1) : null },
  });
}

async function service(lookupOnMiss: boolean) {
  const repo = new MemoryTokens();
  const tokens = new TokenService(repo, { lookupOnMiss });
  await tokens.load();
  return { repo, tokens };
}

describe("TokenService", () => {
  it("knows the tokens it created and forgets a revoked one at once", async () => {
    const { tokens } = await service(false);
    const created = await tokens.create({ role: "staff", hallId: "h1", windowId: "w1" });
    expect(tokens.authenticate(created.token)).toMatchObject({ id: created.id, role: "staff", hallId: "h1", windowId: "w1" });
    await tokens.revoke(created.id, new Date(5));
    expect(tokens.authenticate(created.token)).toBeNull();
    expect(await tokens.authenticateFresh(created.token)).toBeNull();
  });

  it("refuses empty and over-long secrets without a lookup", async () => {
    const { repo, tokens } = await service(true);
    for (const secret of ["", "x".repeat(257), null, undefined]) expect(await tokens.authenticateFresh(secret)).toBeNull();
    expect(repo.lookups).toBe(0);
  });

  it("on a single node never looks an unknown token up (its index is the whole truth)", async () => {
    const { repo, tokens } = await service(false);
    madeElsewhere(repo, "tok_other", "hp_secret");
    expect(await tokens.authenticateFresh("hp_secret")).toBeNull();
    expect(repo.lookups).toBe(0);
  });

  it("in a cluster lets in a token another node made, looking it up once", async () => {
    const { repo, tokens } = await service(true);
    madeElsewhere(repo, "tok_other", "hp_secret");
    expect(tokens.authenticate("hp_secret")).toBeNull();
    expect((await tokens.authenticateFresh("hp_secret"))?.id).toBe("tok_other");
    // Now in the index: the next check is a map lookup, not another query.
    expect(tokens.authenticate("hp_secret")?.id).toBe("tok_other");
    expect((await tokens.authenticateFresh("hp_secret"))?.id).toBe("tok_other");
    expect(repo.lookups).toBe(1);
  });

  it("in a cluster still refuses an unknown or a revoked token", async () => {
    const { repo, tokens } = await service(true);
    madeElsewhere(repo, "tok_revoked", "hp_revoked", true);
    expect(await tokens.authenticateFresh("hp_revoked")).toBeNull();
    expect(await tokens.authenticateFresh("hp_nobody")).toBeNull();
    expect(tokens.authenticate("hp_revoked")).toBeNull();
  });

  it("does not bring back a token revoked while its lookup ran", async () => {
    const { repo, tokens } = await service(true);
    madeElsewhere(repo, "tok_other", "hp_secret");
    let open!: () => void;
    repo.gate = new Promise<void>((resolve) => (open = resolve));
    const lookup = tokens.authenticateFresh("hp_secret");
    // The lookup read the row while active; then the token is revoked elsewhere and this node reloads.
    await new Promise((r) => setTimeout(r, 0));
    const row = repo.rows.get("tok_other");
    if (row) row.record = { ...row.record, revokedAt: new Date(9) };
    await tokens.reload();
    open();
    expect(await lookup).toBeNull();
    expect(tokens.authenticate("hp_secret")).toBeNull();
  });

  it("shares one lookup among checks of the same token and caps lookups of different ones", async () => {
    const { repo, tokens } = await service(true);
    madeElsewhere(repo, "tok_other", "hp_secret");
    let open!: () => void;
    repo.gate = new Promise<void>((resolve) => (open = resolve));
    const same = [tokens.authenticateFresh("hp_secret"), tokens.authenticateFresh("hp_secret")];
    const guesses = Array.from({ length: MAX_MISS_LOOKUPS + 3 }, (_, i) => tokens.authenticateFresh(`hp_guess_${i}`));
    open();
    expect((await Promise.all(same)).map((t) => t?.id)).toEqual(["tok_other", "tok_other"]);
    expect(await Promise.all(guesses)).toEqual(guesses.map(() => null));
    // One for the shared token, then guesses only up to the cap while those lookups were in flight.
    expect(repo.lookups).toBe(MAX_MISS_LOOKUPS);
    // Once they are done, a new lookup may start again.
    expect(await tokens.authenticateFresh("hp_guess_late")).toBeNull();
    expect(repo.lookups).toBe(MAX_MISS_LOOKUPS + 1);
  });
});
