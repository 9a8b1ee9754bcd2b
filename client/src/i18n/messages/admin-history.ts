// Strings of the history, heatmap and monthly report pages (allocation review); zh-CN first.
export const adminHistoryMessages = {
  "zh-CN": { nav: "历史分析", navReport: "月度通报" },
  en: { nav: "History", navReport: "Monthly report" },
};
