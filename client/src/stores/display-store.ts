// The wall's live data: follows `snapshot`/`update` on /display for one hall, applies them by the feed
// rules, asks for a resync on a gap, and knows how old its data is.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { DisplaySnapshot, DisplayUpdate } from "../../../contract/index.js";
import { connectNamespace, type ConnectionState, type HallSocket } from "../socket.js";
import { applySnapshot, applyUpdate, emptyFeed, type FeedState } from "./display-feed.js";

/** Updates come at least every 5 s (heartbeat); past this the figures are shown as stale. */
export const STALE_AFTER_MS = 12_000;

export const useDisplayStore = defineStore("display", () => {
  const feed = shallowRef<FeedState>(emptyFeed());
  const lastDataAt = ref<number | null>(null);
  const applied = ref(0);
  const ignored = ref(0);
  const connection = shallowRef<ConnectionState | null>(null);
  let socket: HallSocket | null = null;

  function onSnapshot(s: DisplaySnapshot) {
    const next = applySnapshot(feed.value, s);
    if (!next) return;
    feed.value = next;
    lastDataAt.value = Date.now();
    applied.value += 1;
  }

  function onUpdate(u: DisplayUpdate) {
    const { outcome, state } = applyUpdate(feed.value, u);
    if (outcome === "applied") {
      feed.value = state;
      lastDataAt.value = Date.now();
      applied.value += 1;
    } else if (outcome === "ignored") {
      ignored.value += 1;
    } else {
      socket?.emit("resync", feed.value.seq);
    }
  }

  let connectedHall: string | null = null;

  function connect(hallId: string, token: string) {
    disconnect();
    // Another hall in the same tab: its figures and seq mean nothing here, start over.
    if (connectedHall !== hallId) {
      feed.value = emptyFeed();
      lastDataAt.value = null;
    }
    connectedHall = hallId;
    // compact: today's series comes as the changed tail instead of whole (~10 KB less per update).
    // floorTickets: false — the wall shows no per-ticket waits (queue screens do); on a busy hall they were
    // most of what it downloaded. fieldDeltas: changed windows and categories as their changed fields.
    const c = connectNamespace("/display", () => ({ token, hallId, compact: true, floorTickets: false, fieldDeltas: true, ...(feed.value.seq !== null ? { lastSeq: feed.value.seq } : {}) }), hallId);
    socket = c.socket;
    connection.value = c.state;
    socket.on("snapshot", onSnapshot);
    socket.on("update", onUpdate);
  }

  function disconnect() {
    socket?.removeAllListeners();
    socket?.disconnect();
    socket = null;
  }

  return {
    feed,
    hall: computed(() => feed.value.hall),
    view: computed(() => feed.value.view),
    seq: computed(() => feed.value.seq),
    lastDataAt,
    applied,
    ignored,
    connection,
    connect,
    disconnect,
  };
});
