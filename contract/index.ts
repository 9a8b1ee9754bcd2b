// The HallPulse contract: import everything shared from here.
export * from "./ids.js";
export * from "./timestamps.js";
export * from "./events.js";
export * from "./hall-config.js";
export * from "./tokens.js";
export * from "./ingest.js";
export * from "./ack.js";
export * from "./live-view.js";
export * from "./floor.js";
export * from "./socket-events.js";
export * from "./view-patch.js";
export * from "./staff.js";
export * from "./time-zone.js";
export * from "./items.js";
export * from "./consistency.js";
export * from "./followup.js";
export * from "./history.js";
