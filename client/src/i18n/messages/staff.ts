// Strings of the staff page (zh-CN first, English second). Both locales must have the same keys.
// Placeholders are filled with plain text by vue-i18n and rendered as text (never as HTML).
// The strings live in staff/, one module per page area; they are merged here. The spread order below is
// the catalog's key order (title, sign-in, header, ticket, guide, queue, … connection): keep it.
import { staffActionsMessages } from "./staff/actions.js";
import { staffQueueMessages } from "./staff/queue.js";
import { staffSignInMessages } from "./staff/sign-in.js";
import { staffTicketMessages } from "./staff/ticket.js";
import { staffWorkLogMessages } from "./staff/work-log.js";

export const staffMessages = {
  "zh-CN": {
    ...staffSignInMessages["zh-CN"],
    ...staffTicketMessages["zh-CN"],
    ...staffQueueMessages["zh-CN"],
    ...staffActionsMessages["zh-CN"],
    ...staffWorkLogMessages["zh-CN"],
  },
  en: {
    ...staffSignInMessages.en,
    ...staffTicketMessages.en,
    ...staffQueueMessages.en,
    ...staffActionsMessages.en,
    ...staffWorkLogMessages.en,
  },
};
