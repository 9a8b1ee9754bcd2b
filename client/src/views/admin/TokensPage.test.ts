// The tokens page: a display token's secret shown once with its pairing link and QR image; a staff
// token's console link; revoke after an in-page confirmation; managers see "admin only" and no request.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import TokensPage from "./TokensPage.vue";
import { FakeApi, mountAdmin, settle } from "./testing/fake-api.js";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
});
afterEach(() => vi.unstubAllGlobals());

/** Waits for the QR code (made asynchronously). */
async function untilQr(find: () => boolean) {
  for (let i = 0; i < 50 && !find(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("TokensPage", () => {
  it("creates a display token: secret once, pairing link, QR as an image data URL", async () => {
    const { wrapper } = await mountAdmin(TokensPage, { path: "/admin/tokens", token: api.principal("adm", "admin") });
    await wrapper.get("#adm-token-label").setValue("一楼大屏");
    await wrapper.get('[data-test="token-create"]').trigger("submit");
    await settle();
    const secret = (wrapper.get('[data-test="created-secret"]').element as HTMLInputElement).value;
    expect(secret).toMatch(/^hp_secret1/);
    expect((wrapper.get('[data-test="pairing-link"]').element as HTMLInputElement).value).toBe(`${location.origin}/wall/h1?token=${secret}`);
    expect(wrapper.get('[data-test="created-token"]').text()).toContain("此令牌只显示这一次");
    await untilQr(() => wrapper.find('[data-test="pairing-qr"]').exists());
    const img = wrapper.get('[data-test="pairing-qr"]');
    expect(img.element.tagName).toBe("IMG");
    expect(img.attributes("src")).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(img.attributes("alt")).toBe("大屏配对链接的二维码");

    // The list shows the new token, never its secret; closing the panel forgets it.
    expect(wrapper.get('[data-test="token-list"]').text()).toContain("一楼大屏");
    expect(wrapper.get('[data-test="token-list"]').html()).not.toContain(secret);
    await wrapper.get('[data-test="dismiss-created"]').trigger("click");
    expect(wrapper.find('[data-test="created-token"]').exists()).toBe(false);
    expect(document.body.innerHTML).not.toContain(secret);
    expect([...document.querySelectorAll("input")].some((i) => i.value === secret)).toBe(false);
  });

  it("asks for a window for staff, then gives the console link and no QR code", async () => {
    const { wrapper } = await mountAdmin(TokensPage, { path: "/admin/tokens", token: api.principal("adm", "admin") });
    await wrapper.get("#adm-token-role").setValue("staff");
    await wrapper.get('[data-test="token-create"]').trigger("submit");
    await settle();
    expect(wrapper.get('[data-error-for="windowId"]').text()).toBe("窗口人员令牌必须绑定一个窗口");
    expect(api.callsTo("POST", "/api/tokens")).toEqual([]);
    await wrapper.get("#adm-token-window").setValue("w2");
    await wrapper.get('[data-test="token-create"]').trigger("submit");
    await settle();
    expect(api.callsTo("POST", "/api/tokens")[0]?.body).toEqual({ role: "staff", hallId: "h1", windowId: "w2" });
    expect((wrapper.get('[data-test="pairing-link"]').element as HTMLInputElement).value).toMatch(new RegExp(`^${location.origin}/staff\\?token=hp_`));
    expect(wrapper.find('[data-test="pairing-qr"]').exists()).toBe(false);
  });

  it("copies the secret to the clipboard", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const { wrapper } = await mountAdmin(TokensPage, { path: "/admin/tokens", token: api.principal("adm", "admin") });
    await wrapper.get('[data-test="token-create"]').trigger("submit");
    await settle();
    const secret = (wrapper.get('[data-test="created-secret"]').element as HTMLInputElement).value;
    await wrapper.get('[data-test="copy-secret"]').trigger("click");
    await settle();
    expect(writeText).toHaveBeenCalledWith(secret);
    expect(wrapper.get('[data-test="copy-secret"]').text()).toContain("已复制");
  });

  it("revokes after confirming in the page (no window.confirm), cancel leaves it", async () => {
    const confirmSpy = vi.fn(() => true);
    vi.stubGlobal("confirm", confirmSpy);
    const { wrapper } = await mountAdmin(TokensPage, { path: "/admin/tokens", token: api.principal("adm", "admin") });
    api.principal("wall", "display", "h1", null, "大屏A");
    await wrapper.get('[data-test="token-create"]').trigger("submit"); // a display token to revoke
    await settle();
    const row = () => wrapper.get('tr[data-token-id="tok_new1"]');
    await row().get('[data-test="revoke"]').trigger("click");
    expect(wrapper.get('[data-test="confirm-dialog"]').text()).toContain("吊销此令牌？");
    await wrapper.get('[data-test="confirm-dialog"]').trigger("keydown", { key: "Escape" });
    expect(wrapper.find('[data-test="confirm-dialog"]').exists()).toBe(false);
    expect(api.callsTo("DELETE", "/api/tokens")).toEqual([]);

    await row().get('[data-test="revoke"]').trigger("click");
    await wrapper.get('[data-test="confirm-ok"]').trigger("click");
    await settle();
    expect(api.callsTo("DELETE", "/api/tokens/tok_new1")).toHaveLength(1);
    expect(row().text()).toContain("已吊销");
    expect(row().find('[data-test="revoke"]').exists()).toBe(false);
    expect(confirmSpy).not.toHaveBeenCalled();
  });

  it("warns before revoking the token you are signed in with", async () => {
    const { wrapper } = await mountAdmin(TokensPage, { path: "/admin/tokens", token: api.principal("adm", "admin") });
    await wrapper.get('tr[data-token-id="tok_adm"] [data-test="revoke"]').trigger("click");
    expect(wrapper.get('[data-test="confirm-dialog"]').text()).toContain("吊销后你将被退出");
  });

  it("says 'admin only' to a manager and requests nothing", async () => {
    const { wrapper } = await mountAdmin(TokensPage, { path: "/admin/tokens", token: api.principal("mgr", "manager") });
    expect(wrapper.get('[data-test="admin-only"]').text()).toContain("仅管理员可用");
    expect(wrapper.find('[data-test="token-create"]').exists()).toBe(false);
    expect(api.callsTo("GET", "/api/tokens")).toEqual([]);
  });

  it("renders labels and window names as text", async () => {
    api.halls.get("h1")!.windows[0]!.name = '"><svg onload=alert(1)>';
    api.principal("s1", "staff", "h1", "w1", "<img src=x onerror=alert(1)>");
    const { wrapper } = await mountAdmin(TokensPage, { path: "/admin/tokens", token: api.principal("adm", "admin") });
    const row = wrapper.get('tr[data-token-id="tok_s1"]');
    expect(row.text()).toContain("<img src=x onerror=alert(1)>");
    expect(row.text()).toContain('"><svg onload=alert(1)>');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(document.querySelector("svg")).toBeNull();
  });
});
