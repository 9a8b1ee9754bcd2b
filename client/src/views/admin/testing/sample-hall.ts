// The hall every admin test starts with (h1 in the FakeApi): two categories, three windows of two
// departments, w2 comprehensive, and the usual targets. A new copy each call. Used by tests only.
import type { HallConfig } from "../../../../../contract/index.js";

export const sampleHall = (): HallConfig => ({
  name: "县政务服务中心",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "social", name: "社会保险", itemCodes: ["SB-001", "SB-002"] },
    { id: "estate", name: "不动产登记", itemCodes: ["BDC-001"] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号窗口", department: "人社局", categories: ["social"], comprehensive: true },
    { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["estate"] },
  ],
  targets: { waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35 },
});
