// Which public page the address names: /public/:hallId (live) or /public/:hallId/month/:yyyy-mm.
// No router: two pages do not need vue-router's bytes.
export type PublicRoute = { page: "live"; hallId: string } | { page: "month"; hallId: string; month: string } | { page: "none" };

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function parsePublicPath(pathname: string): PublicRoute {
  const parts = pathname.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return "";
    }
  });
  if (parts[0] !== "public" || !parts[1] || !ID.test(parts[1])) return { page: "none" };
  if (parts.length === 2) return { page: "live", hallId: parts[1] };
  if (parts.length === 4 && parts[2] === "month" && /^\d{4}-(0[1-9]|1[0-2])$/.test(parts[3] ?? "")) return { page: "month", hallId: parts[1], month: parts[3]! };
  return { page: "none" };
}

export const livePath = (hallId: string) => `/public/${encodeURIComponent(hallId)}`;
export const monthPath = (hallId: string, month: string) => `${livePath(hallId)}/month/${month}`;
