// Mounting an admin page in a test: a fresh pinia, vue-i18n (zh-CN) and a memory router with the admin
// routes, signed in with a token and the hall's configuration loaded first, as AdminLayout does; and
// settle() to let pending fetches and renders finish. Used by tests only.
import { mount, flushPromises } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import type { Component } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import { i18n, setLocale } from "../../../i18n/index.js";
import { useHallConfigStore } from "../../../stores/admin-hall-config.js";
import { useAdminSession } from "../../../stores/admin-session.js";

export function freshPinia() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

const Empty = { render: () => null };

/**
 * Mounts a component with pinia, i18n (zh-CN) and a memory router at `path`. With `token`, signs in
 * first and loads the chosen hall's configuration (what AdminLayout does). Waits for the requests.
 */
export async function mountAdmin(component: Component, opts: { path?: string; token?: string; stubs?: Record<string, boolean> } = {}) {
  setLocale("zh-CN");
  const pinia = freshPinia();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ["/admin/config", "/admin/tokens", "/admin/quarantine", "/admin/items", "/admin/items/diff", "/admin/consistency", "/admin/calendar", "/admin/followups", "/admin/history", "/admin/report", "/admin/staffing", "/admin/whatif", "/admin/forecast"].map((p) => ({ path: p, component: Empty })),
  });
  await router.push(opts.path ?? "/admin/config");
  if (opts.token) {
    const session = useAdminSession();
    await session.signIn(opts.token);
    if (session.hallId) await useHallConfigStore().load(session.hallId);
  }
  const wrapper = mount(component, { global: { plugins: [pinia, i18n, router], ...(opts.stubs ? { stubs: opts.stubs } : {}) }, attachTo: document.body });
  await settle();
  return { wrapper, pinia, router };
}

/** Lets pending fetches and renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flushPromises();
}
