// Downloads of the allocation review pages: the server's CSV (UTF-8 with BOM) or XLSX of a table, fetched
// with the session's token and saved as a file (api/file-download.ts); and a chart's PNG saved the same way.
import { FILE_TYPES, fetchFile, saveBlob, saveUrl, type TableFormat } from "../api/file-download.js";
import { useAdminSession } from "./admin-session.js";

export { saveUrl, type TableFormat };

/** GET `path` (which carries `format=`) with the token and saves the answer as `filename`. Throws ApiError. */
export async function downloadTable(path: string, format: TableFormat, filename: string): Promise<void> {
  const session = useAdminSession();
  const blob = await fetchFile({ path, token: session.token, type: FILE_TYPES[format], onUnauthorized: () => void session.call("GET", "/api/me").catch(() => undefined) });
  saveBlob(blob, filename);
}

/** A file name safe on every system: letters, digits, CJK, `.`, `_` and `-`. */
export const safeFileName = (name: string): string => name.replace(/[^\p{L}\p{N}._-]+/gu, "_");
