// The public page's requests: anonymous GETs of /api/public and /api/open-data (issue #10), no token.
import type { OpenDataDaily, PublicHallView, PublicTicket } from "../../../contract/public.js";

export type Fetched<T> = { ok: true; data: T } | { ok: false; status: number };

async function getJson<T>(path: string): Promise<Fetched<T>> {
  try {
    const res = await fetch(path, { headers: { accept: "application/json" } });
    if (!res.ok) return { ok: false, status: res.status };
    return { ok: true, data: (await res.json()) as T };
  } catch {
    return { ok: false, status: 0 };
  }
}

const seg = encodeURIComponent;

export const fetchHall = (hallId: string) => getJson<PublicHallView>(`/api/public/halls/${seg(hallId)}`);
export const fetchTicket = (hallId: string, ticketNo: string) => getJson<PublicTicket>(`/api/public/halls/${seg(hallId)}/tickets/${seg(ticketNo)}`);
export const openDataUrl = (hallId: string, ext: "json" | "csv", from: string, to: string) => `/api/open-data/halls/${seg(hallId)}/daily.${ext}?from=${from}&to=${to}`;
export const fetchOpenData = (hallId: string, from: string, to: string) => getJson<OpenDataDaily>(openDataUrl(hallId, "json", from, to));

/** A printed ticket number as the API accepts it (contract/ids.ts ticketNoSchema). */
export const TICKET_NO = /^[A-Za-z0-9-]{1,16}$/;
