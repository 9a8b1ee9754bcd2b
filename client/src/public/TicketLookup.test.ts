// The ticket form against a stubbed fetch: what a citizen reads for a waiting, a called and an unknown
// ticket, and that nothing is asked of the server for a malformed number.
import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PublicTicket } from "../../../contract/public.js";
import TicketLookup from "./TicketLookup.vue";
import { setLocale } from "./public-i18n.js";

const ticket = (over: Partial<PublicTicket>): PublicTicket => ({
  hallId: "h",
  ticketNo: "A012",
  categoryId: "social",
  categoryName: "社会保险",
  status: "waiting",
  ahead: 3,
  band: { lowMinutes: 10, highMinutes: 15, text: "10–15 分钟" },
  asOf: "2026-03-10T02:00:00Z",
  ...over,
});

function stubFetch(status: number, body?: unknown) {
  const f = vi.fn(async () => new Response(body === undefined ? "" : JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", f);
  return f;
}

async function lookup(no: string) {
  const w = mount(TicketLookup, { props: { hallId: "h" } });
  await w.get('[data-testid="public-ticket-input"]').setValue(no);
  await w.get("form").trigger("submit");
  await flushPromises();
  return w;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setLocale("zh-CN");
});

describe("TicketLookup", () => {
  it("shows how many are ahead and the category's band", async () => {
    const f = stubFetch(200, ticket({}));
    const w = await lookup("a012");
    expect(f).toHaveBeenCalledWith("/api/public/halls/h/tickets/a012", expect.anything());
    expect(w.get('[data-testid="public-ticket-result"]').text()).toContain("A012（社会保险）前面还有 3 人");
    expect(w.text()).toContain("10–15 分钟");
  });

  it("says 'next' with nobody ahead, in English too", async () => {
    stubFetch(200, ticket({ ahead: 0, band: { lowMinutes: 0, highMinutes: 3, text: "3 分钟内" } }));
    setLocale("en");
    const w = await lookup("A012");
    expect(w.text()).toContain("A012 (社会保险): you are next");
    expect(w.text()).toContain("within 3 min");
  });

  it("says only 'called' for a called ticket, and 'not found' for a 404", async () => {
    stubFetch(200, ticket({ status: "called", ahead: null, band: null }));
    expect((await lookup("A012")).text()).toContain("A012 已经叫号");
    stubFetch(404, { error: { code: "not_found", message: "ticket not found" } });
    expect((await lookup("Z9")).text()).toContain("今天没有找到这个票号");
  });

  it("refuses a malformed number without asking the server", async () => {
    const f = stubFetch(200, ticket({}));
    const w = await lookup("A/12");
    expect(f).not.toHaveBeenCalled();
    expect(w.text()).toContain("请输入票号");
  });
});
