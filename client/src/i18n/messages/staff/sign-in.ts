// Staff page strings: page title, sign-in form and header (staff ID, sign out); zh-CN first, English second.
// Placeholders are filled with plain text by vue-i18n and rendered as text (never as HTML).
export const staffSignInMessages = {
  "zh-CN": {
    title: "窗口工作台",
    signIn: {
      heading: "窗口工作台登录",
      intro: "请粘贴管理员为本窗口签发的工作人员令牌（以 hp_ 开头）。令牌只保存在本机浏览器中。",
      tokenLabel: "工作人员令牌",
      submit: "登录",
      refused: "无法登录：{reason}",
      notStaff: "该令牌不是窗口工作人员令牌（角色：{role}），请使用绑定到窗口的令牌。",
      pendingKept: "本机还有 {n} 项待发送操作，登录后将继续发送。",
    },
    header: {
      staffId: "工号",
      noStaffId: "未登记",
      changeStaffId: "更改工号",
      signOut: "更换令牌",
      stateSince: "{time} 起",
    },
  },
  en: {
    title: "Staff console",
    signIn: {
      heading: "Staff console sign-in",
      intro: "Paste the staff token issued for this window (it starts with hp_). The token is kept only in this browser.",
      tokenLabel: "Staff token",
      submit: "Sign in",
      refused: "Cannot sign in: {reason}",
      notStaff: "This is not a window staff token (role: {role}); use a token bound to a window.",
      pendingKept: "{n} action(s) waiting on this computer will be sent after sign-in.",
    },
    header: {
      staffId: "Staff ID",
      noStaffId: "not set",
      changeStaffId: "Change staff ID",
      signOut: "Change token",
      stateSince: "since {time}",
    },
  },
};
