// Strings of the admin pages (zh-CN first, English second), merged from one module per page. Both locales
// must have the same keys. No "@", "|", "{", "}" or "$" outside placeholders: vue-i18n gives them meaning.
import { adminAllocationMessages } from "./admin-allocation.js";
import { adminCalendarMessages } from "./admin-calendar.js";
import { adminConfigMessages } from "./admin-config.js";
import { adminPublicMessages } from "./admin-public.js";
import { adminConsistencyMessages } from "./admin-consistency.js";
import { adminFollowupsMessages } from "./admin-followups.js";
import { adminForecastMessages } from "./admin-forecast.js";
import { adminHistoryMessages } from "./admin-history.js";
import { adminItemsDiffMessages } from "./admin-items-diff.js";
import { adminItemsImportMessages } from "./admin-items-import.js";
import { adminItemsMessages } from "./admin-items.js";
import { adminQuarantineMessages } from "./admin-quarantine.js";
import { adminQualityMessages } from "./admin-quality.js";
import { adminShellMessages } from "./admin-shell.js";
import { adminTokensMessages } from "./admin-tokens.js";
import { adminValidationMessages } from "./admin-validation.js";

export const adminMessages = {
  "zh-CN": {
    followups: adminFollowupsMessages["zh-CN"],
    forecast: adminForecastMessages["zh-CN"],
    history: adminHistoryMessages["zh-CN"],
    allocation: adminAllocationMessages["zh-CN"],
    quality: adminQualityMessages["zh-CN"],
    ...adminShellMessages["zh-CN"],
    config: adminConfigMessages["zh-CN"],
    public: adminPublicMessages["zh-CN"],
    tokens: adminTokensMessages["zh-CN"],
    quarantine: adminQuarantineMessages["zh-CN"],
    items: adminItemsMessages["zh-CN"],
    import: adminItemsImportMessages["zh-CN"],
    diff: adminItemsDiffMessages["zh-CN"],
    consistency: adminConsistencyMessages["zh-CN"],
    calendar: adminCalendarMessages["zh-CN"],
    validation: adminValidationMessages["zh-CN"],
  },
  en: {
    followups: adminFollowupsMessages.en,
    forecast: adminForecastMessages.en,
    history: adminHistoryMessages.en,
    allocation: adminAllocationMessages.en,
    quality: adminQualityMessages.en,
    ...adminShellMessages.en,
    config: adminConfigMessages.en,
    public: adminPublicMessages.en,
    tokens: adminTokensMessages.en,
    quarantine: adminQuarantineMessages.en,
    items: adminItemsMessages.en,
    import: adminItemsImportMessages.en,
    diff: adminItemsDiffMessages.en,
    consistency: adminConsistencyMessages.en,
    calendar: adminCalendarMessages.en,
    validation: adminValidationMessages.en,
  },
};
