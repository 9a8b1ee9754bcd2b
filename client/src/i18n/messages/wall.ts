// Strings of the wall page (zh-CN first, English second). Both locales must have the same keys.
export const wallMessages = {
  "zh-CN": {},
  en: {},
};
