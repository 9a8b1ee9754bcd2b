// Downloads of the allocation review pages: the server's CSV (UTF-8 with BOM) or XLSX of a table, fetched
// with the session's token (a plain link could not carry it) and handed to the browser as a file; and a
// chart's PNG (a data URL from ECharts) saved the same way.
import { ApiError } from "../api/http.js";
import { useAdminSession } from "./admin-session.js";

export type TableFormat = "csv" | "xlsx";

const TYPES: Record<TableFormat, string> = {
  csv: "text/csv;charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Saves a URL (object or data URL) under `filename` through a hidden link. */
export function saveUrl(url: string, filename: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * GET `path` (which carries `format=`) with the token and saves the answer as `filename`. The bytes are
 * kept as they came: res.text() would drop the BOM that tells Excel the CSV is UTF-8. Throws ApiError.
 */
export async function downloadTable(path: string, format: TableFormat, filename: string): Promise<void> {
  const session = useAdminSession();
  let res: Response;
  try {
    res = await fetch(path, { headers: session.token ? { authorization: `Bearer ${session.token}` } : {} });
  } catch (e) {
    throw new ApiError(0, "network", e instanceof Error ? e.message : "network error");
  }
  if (!res.ok) {
    // A revoked token ends the session the usual way (through session.call's 401 handling).
    if (res.status === 401) void session.call("GET", "/api/me").catch(() => undefined);
    const body = (await res.json().catch(() => null)) as { error?: { code?: ApiError["code"]; message?: string; field?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? "internal", body?.error?.message ?? `HTTP ${res.status}`, body?.error?.field);
  }
  const blob = new Blob([await res.arrayBuffer()], { type: TYPES[format] });
  const url = URL.createObjectURL(blob);
  saveUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name safe on every system: letters, digits, CJK, `.`, `_` and `-`. */
export const safeFileName = (name: string): string => name.replace(/[^\p{L}\p{N}._-]+/gu, "_");
