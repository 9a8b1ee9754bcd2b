// The what-if comparison as a file (admin-allocation-whatif.ts): the body that produced the shown result
// POSTed again to …/whatif with `?format=csv|xlsx` and the token header (a plain link could not carry
// either); the bytes kept as they came (BOM included). A failure is thrown as an ApiError.
import { FILE_TYPES, fetchFile } from "../api/file-download.js";
import type { ExportFormat } from "./whatif-drafts.js";

export interface WhatIfExportRequest {
  hallId: string;
  /** The JSON body exactly as it was sent for the shown result. */
  body: string;
  format: ExportFormat;
  token: string | null;
  /** Called on a 401, so that a revoked token ends the session the usual way. */
  onUnauthorized: () => void;
}

export function fetchWhatIfExport({ hallId, body, format, token, onUnauthorized }: WhatIfExportRequest): Promise<Blob> {
  return fetchFile({ path: `/api/halls/${encodeURIComponent(hallId)}/whatif?format=${format}`, method: "POST", body, token, type: FILE_TYPES[format], onUnauthorized });
}
