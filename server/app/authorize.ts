// Who may act where: the one policy every router and namespace applies.
import type { Role } from "../../contract/index.js";
import type { TokenRecord } from "./ports.js";

export type Decision = "allow" | "wrong_role" | "wrong_hall";

/**
 * A global admin (a token without hall) reaches every hall and the hall-less resources (`hallId`
 * null); so does an overseer (always without hall, issue #11), but only where a route lists its role —
 * the overview, and the hall reads that `allowRead` (adapters/http/auth.ts) opens to it for GET only.
 * Every other token reaches only its own hall.
 */
export function authorize(token: TokenRecord, roles: readonly Role[], hallId: string | null): Decision {
  if (!roles.includes(token.role)) return "wrong_role";
  if ((token.role === "admin" || token.role === "overseer") && token.hallId === null) return "allow";
  if (hallId === null) return "wrong_hall";
  return token.hallId === hallId ? "allow" : "wrong_hall";
}
