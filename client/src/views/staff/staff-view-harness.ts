// Mounting the staff console page in a test (with the socket and http stand-ins of stores/staff-store-test-mocks.ts
// mocked in by the test file): signed in with a stored token and the connection up, keys pressed on the
// window or on an element, the focused element, and the resets around each test. Used by tests only.
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { i18n } from "../../i18n/index.js";
import { fakeHttp } from "../../stores/staff-test-support.js";
import { sock, sockets } from "../../stores/staff-store-test-mocks.js";
import StaffView from "./StaffView.vue";

let wrapper: VueWrapper | null = null;

export async function mountConsole() {
  localStorage.setItem("hallpulse.staff.token", "hp_token");
  wrapper = mount(StaffView, { global: { plugins: [createPinia(), i18n] }, attachTo: document.body });
  await flushPromises();
  sock().up();
  await flushPromises();
  return wrapper;
}

export async function press(key: string, target: EventTarget = window) {
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  await flushPromises();
}

export const active = () => document.activeElement as HTMLElement;

/** Before each test: no storage, no connections, a new pinia, the default HTTP answers. */
export function resetConsole(): void {
  localStorage.clear();
  sockets.length = 0;
  setActivePinia(createPinia());
  fakeHttp.reset();
}

/** After each test: the page unmounted (its key listener gone). */
export function unmountConsole(): void {
  wrapper?.unmount();
  wrapper = null;
}
