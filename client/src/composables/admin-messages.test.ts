// The admin strings: both locales have exactly the same keys, and every contract message the pages
// translate has a text in both.
import { describe, expect, it } from "vitest";
import { adminMessages } from "../i18n/messages/admin.js";
import { knownMessage } from "./admin-messages.js";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("admin messages", () => {
  it("has the same keys in zh-CN and en", () => {
    expect(keys(adminMessages.en).sort()).toEqual(keys(adminMessages["zh-CN"]).sort());
  });

  it("has a text for every contract message it recognizes", () => {
    const samples = ["must not be empty", "must be at most 100 characters", 'unknown category "c9"', 'duplicate window id "w1"', "unknown IANA time zone", "must be below hotUtilization", "required for a staff token", "looks like a mobile phone number; personal data is not accepted", 'does not match the hall "h1"', "Too big: expected array to have <=200 items"];
    for (const m of samples) {
      const known = knownMessage(m);
      expect(known, m).not.toBeNull();
      expect(Object.keys(adminMessages["zh-CN"].validation)).toContain(known?.key);
    }
  });
});
