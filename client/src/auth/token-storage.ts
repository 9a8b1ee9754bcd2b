// Tokens kept per page in local storage. A page opened with ?token= stores it and removes it from the
// address bar, so that a wall display is paired once and the secret does not linger in history.
export type PageKind = "wall" | "staff" | "admin";

const key = (page: PageKind, scope = "") => `hallpulse.${page}.token${scope ? `.${scope}` : ""}`;

export function loadToken(page: PageKind, scope = ""): string | null {
  return globalThis.localStorage?.getItem(key(page, scope)) ?? null;
}

export function saveToken(page: PageKind, token: string, scope = ""): void {
  globalThis.localStorage?.setItem(key(page, scope), token);
}

export function forgetToken(page: PageKind, scope = ""): void {
  globalThis.localStorage?.removeItem(key(page, scope));
}

/** Takes `?token=` from the current URL (if any), stores it, and rewrites the URL without it. */
export function adoptTokenFromUrl(page: PageKind, scope = ""): string | null {
  const url = new URL(globalThis.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    saveToken(page, fromUrl, scope);
    url.searchParams.delete("token");
    globalThis.history.replaceState(globalThis.history.state, "", url.pathname + url.search + url.hash);
  }
  return fromUrl ?? loadToken(page, scope);
}
