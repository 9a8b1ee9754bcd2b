// Files from the API and their download: an export (CSV, XLSX) fetched with the session's token — a plain
// link could not carry the header — its bytes kept as they came (res.text() would drop the BOM that tells
// Excel a CSV is UTF-8), then handed to the browser through a hidden link; a chart's PNG data URL is saved
// the same way. One place for what every export of the admin pages does.
import type { ErrorBody } from "../../../contract/index.js";
import { ApiError } from "./http.js";

export type TableFormat = "csv" | "xlsx";

export const FILE_TYPES: Record<TableFormat, string> = {
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

/** Hands bytes to the browser as a file download (the object URL is released a little later). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface FileRequest {
  path: string;
  token: string | null;
  /** MIME type of the file. */
  type: string;
  method?: "GET" | "POST";
  /** JSON text of a POST body. */
  body?: string;
  /** Called on a 401, so that a revoked token ends the session the usual way. */
  onUnauthorized: () => void;
}

/** Fetches a file; a failure is thrown as an ApiError (status 0 "network" when nothing answered). */
export async function fetchFile({ path, token, type, method = "GET", body, onUnauthorized }: FileRequest): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
  } catch (e) {
    throw new ApiError(0, "network", e instanceof Error ? e.message : "network error");
  }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    const err = ((await res.json().catch(() => null)) as Partial<ErrorBody> | null)?.error;
    throw new ApiError(res.status, err?.code ?? "internal", err?.message ?? `HTTP ${res.status}`, err?.field);
  }
  return new Blob([await res.arrayBuffer()], { type });
}
