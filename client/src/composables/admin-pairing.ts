// Links that pair a device with a freshly created token, and the QR code of a link as an image data URL
// (an SVG made by `qrcode`, shown through <img src>, never inserted as markup).
import QRCode from "qrcode";
import type { CreatedToken } from "../../../contract/index.js";

/** The page a token opens: the wall of its hall for a display, the console for staff, else none. */
export function pairingLink(created: Pick<CreatedToken, "role" | "hallId" | "token">, origin: string): string | null {
  const token = encodeURIComponent(created.token);
  if (created.role === "display" && created.hallId) return `${origin}/wall/${encodeURIComponent(created.hallId)}?token=${token}`;
  if (created.role === "staff") return `${origin}/staff?token=${token}`;
  return null;
}

export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Copies text to the clipboard; false when the browser refuses (then the text stays selectable). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await globalThis.navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
