// Strings of the admin page (zh-CN first, English second). Both locales must have the same keys.
export const adminMessages = {
  "zh-CN": {},
  en: {},
};
