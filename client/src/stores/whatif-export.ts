// The what-if comparison as a file (admin-allocation-whatif.ts): the body that produced the shown result
// POSTed again to …/whatif with `?format=csv|xlsx` and the token header (a plain link could not carry
// either); the bytes kept as they came (BOM included). A failure is thrown as an ApiError.
import { ApiError } from "../api/http.js";
import { type ExportFormat, MIME } from "./whatif-drafts.js";

export interface WhatIfExportRequest {
  hallId: string;
  /** The JSON body exactly as it was sent for the shown result. */
  body: string;
  format: ExportFormat;
  token: string | null;
  /** Called on a 401, so that a revoked token ends the session the usual way. */
  onUnauthorized: () => void;
}

export async function fetchWhatIfExport({ hallId, body, format, token, onUnauthorized }: WhatIfExportRequest): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`/api/halls/${encodeURIComponent(hallId)}/whatif?format=${format}`, {
      method: "POST",
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
      body,
    });
  } catch (e) {
    throw new ApiError(0, "network", e instanceof Error ? e.message : "network error");
  }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    const err = (await res.json().catch(() => null)) as { error?: { code?: ApiError["code"]; message?: string; field?: string } } | null;
    throw new ApiError(res.status, err?.error?.code ?? "internal", err?.error?.message ?? `HTTP ${res.status}`, err?.error?.field);
  }
  return new Blob([await res.arrayBuffer()], { type: MIME[format] });
}
