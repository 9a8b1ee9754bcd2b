// The wall's QR code to the citizens' public page (issue #10).
export const wallPublicMessages = {
  "zh-CN": { caption: "扫码查排队", hint: "手机查看等候时间", label: "打开本大厅排队实况的二维码" },
  en: { caption: "Scan for the queue", hint: "Waits on your phone", label: "QR code opening this hall's live queue" },
};
