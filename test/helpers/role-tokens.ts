// The six tokens the read-API tests check access with: a manager, staff at w01, a display, a device and
// the hall's own admin for `hallId`, and a manager of `otherHallId`.
import type { Api } from "./api.js";

export type RoleTokens = Record<"manager" | "staff" | "display" | "device" | "hallAdmin" | "otherManager", string>;

export async function issueRoleTokens(admin: Api, hallId: string, otherHallId: string): Promise<RoleTokens> {
  const issue = async (req: { role: string; hallId?: string; windowId?: string }) => (await admin.issueToken(req)).token;
  return {
    manager: await issue({ role: "manager", hallId }),
    staff: await issue({ role: "staff", hallId, windowId: "w01" }),
    display: await issue({ role: "display", hallId }),
    device: await issue({ role: "device", hallId }),
    hallAdmin: await issue({ role: "admin", hallId }),
    otherManager: await issue({ role: "manager", hallId: otherHallId }),
  };
}
