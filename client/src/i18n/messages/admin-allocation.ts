// Strings of the staffing, what-if and rebalancing pages (allocation review); zh-CN first.
export const adminAllocationMessages = {
  "zh-CN": { navStaffing: "人员配置", navWhatIf: "模拟调配" },
  en: { navStaffing: "Staffing", navWhatIf: "What-if" },
};
