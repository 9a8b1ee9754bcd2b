// Shared by the load-view example tests (load-view.*.test.ts): the demo hall and the expected empty rows.
import type { CategoryLoad, LoadView, WindowLoad } from "../../contract/index.js";
import { hallConfig } from "./test-fixtures.js";

export const hall = hallConfig(); // w1 (c1), w2 (c2), w3 (c1, c2); categories c1, c2; wait target 15 min; Asia/Shanghai

export const idleWindow = (windowId: string): WindowLoad => ({
  windowId,
  openSeconds: 0,
  busySeconds: 0,
  utilization: 0,
  served: 0,
  avgHandleSeconds: null,
  ratingAvg: null,
  ratingCount: 0,
  eligible: false,
  hot: false,
  cold: false,
  state: "closed",
  stateSince: null,
  currentTicket: null,
  servedToday: 0,
});

export const quietCategory = (categoryId: string): CategoryLoad => ({
  categoryId,
  arrivals: 0,
  calledCount: 0,
  avgWaitSeconds: null,
  maxWaitSeconds: null,
  waitingNow: 0,
  oldestWaitSeconds: null,
});


export const win = (view: LoadView, id: string) => view.windows.find((w) => w.windowId === id) as WindowLoad;
export const cat = (view: LoadView, id: string) => view.categories.find((c) => c.categoryId === id) as CategoryLoad;
