// Strings of the wall's early-warning line (issue #9), zh-CN first, English second; merged into wall.ts
// as `wall.forecast`. Placeholders are filled with plain text (names are the hall's, rendered as text).
export const wallForecastMessages = {
  "zh-CN": {
    label: "预警",
    line: "预计 {time} {category} 等候将超 {minutes} 分钟",
    helper: "建议 {window} 协助",
    more: "另 {n} 项",
  },
  en: {
    label: "Early warning",
    line: "By {time} {category} waits will pass {minutes} min",
    helper: "{window} could help",
    more: "+{n} more",
  },
};
