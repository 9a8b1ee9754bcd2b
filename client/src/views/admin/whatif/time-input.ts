// A time as people type it into the allocation editor, made the HH:MM the server expects.

/** "9:00" → "09:00", "９：３０" → "09:30"; anything else as typed (the server names what it refuses). */
export function hhmm(value: string): string {
  const v = value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace("：", ":");
  const m = /^(\d{1,2}):(\d{2})$/.exec(v);
  return m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : v;
}
