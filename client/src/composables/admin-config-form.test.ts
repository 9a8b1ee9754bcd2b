// The configuration form's logic: field paths (zod's or the server's) land on the right input; the form
// converts to exactly the configuration PUT sends; the contract's rules give per-input messages, shown in
// the page's language; pairing links and QR codes.
import { describe, expect, it } from "vitest";
import { hallConfigSchema, type HallConfig } from "../../../contract/index.js";
import { sampleHall } from "../views/admin/testing/fake-api.js";
import { configFromForm, formFromConfig, hallIdProblem, inputKeyOf, messageWithoutField, newCategoryRow, validateForm } from "./admin-config-form.js";
import { knownMessage } from "./admin-messages.js";
import { pairingLink, qrDataUrl } from "./admin-pairing.js";

describe("server field → form input", () => {
  it.each([
    ["windows.2.categories.0", "windows.2.categories", ["0"]],
    ["windows.1.name", "windows.1.name", []],
    ["windows.0.comprehensive", "windows.0.comprehensive", []],
    ["categories.1.itemCodes.3", "categories.1.itemCodes", ["3"]],
    ["categories.0.id", "categories.0.id", []],
    ["targets.coldUtilization", "targets.coldUtilization", []],
    ["targets.waitMinutes", "targets.waitMinutes", []],
    ["timezone", "timezone", []],
    ["name", "name", []],
    ["hallId", "hallId", []],
    // An unknown field inside a row has no input: the section shows it.
    ["windows.0.extra", "windows", ["0", "extra"]],
    ["targets.speed", "targets", ["speed"]],
    ["nonsense", "form", ["nonsense"]],
    ["", "form", []],
  ])("%s → %s", (path, key, rest) => {
    expect(inputKeyOf(path)).toEqual({ key, rest });
  });

  it("takes zod's path arrays too", () => {
    expect(inputKeyOf(["windows", 2, "categories", 0])).toEqual({ key: "windows.2.categories", rest: ["0"] });
  });

  it("strips the field the server puts in front of its message", () => {
    expect(messageWithoutField('windows.2.categories.0: unknown category "c9"', "windows.2.categories.0")).toBe('unknown category "c9"');
    expect(messageWithoutField("plain", undefined)).toBe("plain");
  });
});

describe("form ↔ configuration", () => {
  it("round-trips a configuration unchanged (an explicit comprehensive: false is left out)", () => {
    const hall = sampleHall();
    const back = configFromForm(formFromConfig(hall));
    expect(back).toEqual({ ...hall, windows: hall.windows.map(({ comprehensive, ...w }) => (comprehensive ? { ...w, comprehensive } : w)) });
    expect(hallConfigSchema.safeParse(back).success).toBe(true);
  });

  it("keeps what the form does not edit (follow-up deadline, idle threshold) when saving", () => {
    const hall = { ...sampleHall(), followUp: { deadlineWorkingDays: 3 }, targets: { ...sampleHall().targets, idleMinutes: 8 } } as HallConfig;
    expect(hallConfigSchema.safeParse(hall).success).toBe(true);
    const form = formFromConfig(hall);
    form.name = "改名后的大厅";
    form.waitMinutes = 25;
    const back = configFromForm(form);
    expect(back.followUp).toEqual({ deadlineWorkingDays: 3 });
    expect(back.targets).toMatchObject({ waitMinutes: 25, idleMinutes: 8 });
    expect(back.name).toBe("改名后的大厅");
  });

  it("splits item codes on commas, spaces, new lines and 、; leaves empty thresholds out", () => {
    const form = formFromConfig(sampleHall());
    (form.categories[0] as { itemCodes: string }).itemCodes = "SB-001，SB-002\nSB-003 、SB-004,, ";
    form.hotUtilization = "";
    form.coldUtilization = "";
    const config = configFromForm(form);
    expect(config.categories[0]?.itemCodes).toEqual(["SB-001", "SB-002", "SB-003", "SB-004"]);
    expect(config.targets).toEqual({ waitMinutes: 20 });
  });
});

describe("client-side validation with the contract's schema", () => {
  it("finds nothing wrong with a valid configuration", () => {
    expect(validateForm(formFromConfig(sampleHall())).size).toBe(0);
  });

  it("names each input with its first problem", () => {
    const form = formFromConfig(sampleHall());
    form.name = "";
    form.timezone = "Mars/Olympus";
    form.waitMinutes = "";
    form.coldUtilization = 0.9;
    (form.windows[1] as { id: string }).id = "w1";
    (form.windows[2] as { categories: string[] }).categories = ["c9"];
    form.categories.push({ ...newCategoryRow(), id: "bad id!", name: "x" });
    const issues = validateForm(form);
    expect(issues.get("name")?.message).toBe("must not be empty");
    expect(issues.get("timezone")?.message).toBe("unknown IANA time zone");
    expect(issues.get("targets.waitMinutes")?.message).toBe("expected a number of minutes");
    expect(issues.get("categories.2.id")?.message).toBe("must be 1–64 characters of A-Z a-z 0-9 . _ : -");
    // The rules across fields (unique ids, known categories, cold < hot) run once every field has its
    // type (zod skips refinements after a type error): give the minutes a number and look again.
    expect(issues.has("windows.1.id")).toBe(false);
    form.waitMinutes = 20;
    const refined = validateForm(form);
    expect(refined.get("name")?.message).toBe("must not be empty");
    expect(refined.get("windows.1.id")?.message).toBe('duplicate window id "w1"');
    expect(refined.get("windows.2.categories")).toEqual({ key: "windows.2.categories", rest: ["0"], message: 'unknown category "c9"' });
    expect(refined.get("targets.coldUtilization")?.message).toBe("must be below hotUtilization");
  });

  it("checks a new hall's id against the pattern and the existing halls", () => {
    expect(hallIdProblem("", [])).toBe("must not be empty");
    expect(hallIdProblem("a b", [])).toMatch(/^must be 1–64/);
    expect(hallIdProblem("h1", ["h1"])).toBe('hall "h1" already exists');
    expect(hallIdProblem("h2", ["h1"])).toBeNull();
  });

  it("knows the contract's messages, to say them in the page's language", () => {
    expect(knownMessage("must not be empty")).toEqual({ key: "empty" });
    expect(knownMessage("must be at most 100 characters")).toEqual({ key: "maxChars", params: { max: "100" } });
    expect(knownMessage('unknown category "c9"')).toEqual({ key: "unknownCategory", params: { id: "c9" } });
    expect(knownMessage("Too big: expected number to be <=1440")).toEqual({ key: "maxNumber", params: { max: "1440" } });
    expect(knownMessage("something new")).toBeNull();
  });
});

describe("pairing", () => {
  it("links a display to its hall's wall and staff to the console; other roles have no link", () => {
    expect(pairingLink({ role: "display", hallId: "h1", token: "hp_abc-_1" }, "https://hall.example")).toBe("https://hall.example/wall/h1?token=hp_abc-_1");
    expect(pairingLink({ role: "staff", hallId: "h1", token: "hp_x" }, "https://hall.example")).toBe("https://hall.example/staff?token=hp_x");
    expect(pairingLink({ role: "device", hallId: "h1", token: "hp_x" }, "https://hall.example")).toBeNull();
  });

  it("makes the QR code an SVG image data URL (for <img src>, never markup)", async () => {
    const url = await qrDataUrl("https://hall.example/wall/h1?token=hp_x");
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
