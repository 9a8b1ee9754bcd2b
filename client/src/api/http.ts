// The REST client of the pages: bearer token, JSON, and the contract's error body as ApiError.
import type { ErrorBody, ErrorCode } from "../../../contract/index.js";

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode | "network", message: string, readonly field?: string) {
    super(message);
  }
}

export async function apiRequest<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new ApiError(0, "network", err instanceof Error ? err.message : "network error");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!res.ok) {
    const e = (parsed as Partial<ErrorBody> | null)?.error;
    throw new ApiError(res.status, e?.code ?? "internal", e?.message ?? `HTTP ${res.status}`, e?.field);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
