// hhmm: the times typed in the allocation editor become HH:MM; what is not a time is left for the server.
import { describe, expect, it } from "vitest";
import { hhmm } from "./time-input.js";

describe("hhmm", () => {
  it("pads the hour and takes full-width digits and colon", () => {
    expect(hhmm("9:00")).toBe("09:00");
    expect(hhmm(" 12:30 ")).toBe("12:30");
    expect(hhmm("９：３０")).toBe("09:30");
    expect(hhmm("１２：００")).toBe("12:00");
  });

  it("leaves anything else as typed (trimmed), for the server to name", () => {
    expect(hhmm("930")).toBe("930");
    expect(hhmm("9:0")).toBe("9:0");
    expect(hhmm(" noon ")).toBe("noon");
    expect(hhmm("")).toBe("");
  });
});
