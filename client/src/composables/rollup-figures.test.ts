// useRollupFigures: opens the figures only once the chosen hall's configuration is loaded (with its time
// zone) and watches the rollups' computation for that hall; opens again on another hall; reloads when a
// computation ends; stops watching when the page goes.
import { enableAutoUnmount, mount } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, nextTick, reactive } from "vue";
import type { HallConfig } from "../../../contract/index.js";
import { useRollupFigures } from "./rollup-figures.js";

const session = reactive({ hallId: null as string | null });
const config = reactive({ hallId: null as string | null, saved: null as Pick<HallConfig, "timezone"> | null });
const status = reactive({ finished: 0, start: vi.fn(async (_id: string) => {}), stop: vi.fn() });
vi.mock("../stores/admin-session.js", () => ({ useAdminSession: () => session }));
vi.mock("../stores/admin-hall-config.js", () => ({ useHallConfigStore: () => config }));
vi.mock("../stores/admin-history-status.js", () => ({ useHistoryStatusStore: () => status }));

const open = vi.fn();
const reload = vi.fn();
const Page = defineComponent({
  setup() {
    useRollupFigures({ open, reload });
    return () => null;
  },
});

enableAutoUnmount(afterEach);
beforeEach(() => {
  vi.clearAllMocks();
  Object.assign(session, { hallId: null });
  Object.assign(config, { hallId: null, saved: null });
  status.finished = 0;
});

describe("useRollupFigures", () => {
  it("opens the chosen hall's figures, with its time zone, once its configuration is loaded", async () => {
    session.hallId = "h1";
    mount(Page);
    expect(open).not.toHaveBeenCalled();
    config.hallId = "h1";
    await nextTick();
    expect(open).not.toHaveBeenCalled();
    config.saved = { timezone: "Asia/Urumqi" };
    await nextTick();
    expect(open.mock.calls).toEqual([["h1", "Asia/Urumqi"]]);
    expect(status.start.mock.calls).toEqual([["h1"]]);
  });

  it("opens at once when the configuration is there, and again on another hall (not before its configuration)", async () => {
    Object.assign(session, { hallId: "h1" });
    Object.assign(config, { hallId: "h1", saved: { timezone: "Asia/Shanghai" } });
    mount(Page);
    expect(open.mock.calls).toEqual([["h1", "Asia/Shanghai"]]);
    session.hallId = "h2";
    await nextTick();
    expect(open).toHaveBeenCalledTimes(1);
    Object.assign(config, { hallId: "h2", saved: { timezone: "Asia/Hong_Kong" } });
    await nextTick();
    expect(open.mock.calls.at(-1)).toEqual(["h2", "Asia/Hong_Kong"]);
    expect(status.start.mock.calls).toEqual([["h1"], ["h2"]]);
  });

  it("does nothing without a hall", async () => {
    Object.assign(config, { hallId: "h1", saved: { timezone: "Asia/Shanghai" } });
    mount(Page);
    await nextTick();
    expect(open).not.toHaveBeenCalled();
    expect(status.start).not.toHaveBeenCalled();
  });

  it("reloads each time a computation ends, and stops watching when the page goes", async () => {
    Object.assign(session, { hallId: "h1" });
    Object.assign(config, { hallId: "h1", saved: { timezone: "Asia/Shanghai" } });
    const page = mount(Page);
    expect(reload).not.toHaveBeenCalled();
    status.finished += 1;
    await nextTick();
    status.finished += 1;
    await nextTick();
    expect(reload).toHaveBeenCalledTimes(2);
    expect(status.stop).not.toHaveBeenCalled();
    page.unmount();
    expect(status.stop).toHaveBeenCalledTimes(1);
    status.finished += 1;
    await nextTick();
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
