// A small typed HTTP client for the REST API, used by integration tests.
import type { CreatedToken, HallConfig, IngestResponse, LoadView } from "../../contract/index.js";

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export class Api {
  constructor(readonly baseUrl: string, readonly token: string | null) {}

  as(token: string | null): Api {
    return new Api(this.baseUrl, token);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token !== null ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T };
  }

  putHall(hallId: string, config: HallConfig | unknown) {
    return this.request<HallConfig>("PUT", `/api/halls/${hallId}`, config);
  }

  createToken(req: { role: string; hallId?: string; windowId?: string }) {
    return this.request<CreatedToken>("POST", "/api/tokens", req);
  }

  /** A token a test's setup needs: created, or the setup fails with the server's answer. */
  async issueToken(req: { role: string; hallId?: string; windowId?: string }): Promise<CreatedToken> {
    const res = await this.createToken(req);
    if (res.status !== 201) throw new Error(`token not issued: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  postEvents(hallId: string, events: unknown) {
    return this.request<IngestResponse>("POST", `/api/halls/${hallId}/events`, events);
  }

  load(hallId: string, range?: { from: string; to: string }) {
    const q = range ? `?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}` : "";
    return this.request<LoadView>("GET", `/api/halls/${hallId}/load${q}`);
  }
}
