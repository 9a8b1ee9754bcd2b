// Roles and bearer tokens: POST /api/tokens, GET /api/tokens, DELETE /api/tokens/:id.
import { z } from "zod";
import { idSchema, textSchema } from "./ids.js";

// `overseer` (issue #11): read-only across every hall — the province overview (GET /api/overview) and, to
// drill down from it, each hall's wall (/display) and the GET routes a manager reads (never a write); its
// token has no hall and only an admin without hall issues one.
export const ROLES = ["admin", "manager", "staff", "device", "display", "overseer"] as const;
export type Role = (typeof ROLES)[number];

export const createTokenSchema = z
  .strictObject({
    role: z.enum(ROLES, { error: `expected one of ${ROLES.join(", ")}` }),
    hallId: idSchema.optional(),
    windowId: idSchema.optional(),
    label: textSchema(100).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.role !== "admin" && t.role !== "overseer" && t.hallId === undefined)
      ctx.addIssue({ code: "custom", path: ["hallId"], message: "required for this role" });
    if (t.role === "overseer" && t.hallId !== undefined)
      ctx.addIssue({ code: "custom", path: ["hallId"], message: "an overseer token spans every hall: no hallId" });
    if (t.role === "staff" && t.windowId === undefined)
      ctx.addIssue({ code: "custom", path: ["windowId"], message: "required for a staff token" });
    if (t.role !== "staff" && t.windowId !== undefined)
      ctx.addIssue({ code: "custom", path: ["windowId"], message: "only a staff token is bound to a window" });
  });
export type CreateTokenRequest = z.infer<typeof createTokenSchema>;

/** What POST /api/tokens answers (201). The secret `token` is shown this once. */
export interface CreatedToken {
  id: string;
  token: string;
  role: Role;
  hallId?: string;
  windowId?: string;
  label?: string;
}

/** A token as listed to admins: never the secret, never its hash. */
export interface TokenInfo {
  id: string;
  role: Role;
  hallId: string | null;
  windowId: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** GET /api/me: what the presented token is. */
export interface WhoAmI {
  tokenId: string;
  role: Role;
  hallId: string | null;
  windowId: string | null;
  label: string | null;
}

/** GET /api/halls: the halls the token reaches. */
export interface HallList {
  halls: { hallId: string; name: string }[];
}
