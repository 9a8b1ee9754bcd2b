// Strings of the staffing, what-if and rebalancing pages (allocation review); zh-CN first.
// No "@", "|", "{", "}" or "$" outside placeholders: vue-i18n gives them meaning.
// The strings live in admin-allocation/, one module per page; they are merged here. The spread order below
// is the catalog's key order (nav labels, weekdays, staffing, whatif, advice): keep it.
import { adminAllocationAdviceMessages } from "./admin-allocation/advice.js";
import { adminAllocationStaffingMessages } from "./admin-allocation/staffing.js";
import { adminAllocationWhatIfMessages } from "./admin-allocation/whatif.js";

export const adminAllocationMessages = {
  "zh-CN": {
    ...adminAllocationStaffingMessages["zh-CN"],
    ...adminAllocationWhatIfMessages["zh-CN"],
    ...adminAllocationAdviceMessages["zh-CN"],
  },
  en: {
    ...adminAllocationStaffingMessages.en,
    ...adminAllocationWhatIfMessages.en,
    ...adminAllocationAdviceMessages.en,
  },
};
