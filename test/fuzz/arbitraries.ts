// fast-check arbitraries for fuzzing every entry point: events, staff actions, hall configurations and
// item-list files. Each generator mixes valid inputs, near-valid mutations (one field wrong, wrong types,
// huge strings, unicode, prototype-pollution keys, deep nesting, NaN-ish numbers, dates out of range,
// duplicate ids), planted personal identifiers (ID-card and mobile numbers in every kind of field) and
// pure garbage. Every input is tagged with what the server must do with it:
//   - "valid":  well-formed, known windows/categories, no personal data → accepted or duplicate;
//   - "pii":    carries a personal identifier as a word of its own → rejected (whatever else is wrong);
//   - "any":    a mutation or garbage → any answer, as long as it is a well-formed one.
//
// This module gathers the arbitraries of the input families, each in its own file (arb-*.ts), under the
// one import path the fuzzers, the contract tests and scripts/fuzz.ts use.
export type { Expect, Tagged } from "./tagged.js";
export { idCard15, idCard18, idCardCheck, mobile, personalNumber, personalNumberAsId, personalNumberAsTicketNo, textWithPersonalNumber } from "./arb-personal-numbers.js";
export { deepValue, garbage, isoAt, nastyString, nested, oddTimestamp, plainText, PROTO_KEYS, randomId, setOwn, weirdValue } from "./arb-values.js";
export { eventIdArb, eventInput, ticketIdArb, validEvent, type EventContext } from "./arb-events.js";
export { mutation } from "./arb-event-mutations.js";
export { staffInput, validStaffAction } from "./arb-staff-actions.js";
export { HALL_ID_POOL, hallConfigInput, validHallConfig } from "./arb-hall-configs.js";
export { ITEM_HEADERS, itemFileInput, type ItemFileSpec } from "./arb-item-lists.js";
