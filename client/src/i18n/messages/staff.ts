// Strings of the staff page (zh-CN first, English second). Both locales must have the same keys.
export const staffMessages = {
  "zh-CN": {},
  en: {},
};
