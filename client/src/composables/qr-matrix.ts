// A QR code as rectangles for an inline <svg> drawn by Vue (issue #10): the qrcode package's module
// matrix (QRCode.create(text).modules), each row's dark runs merged into one rect. No markup string, no
// v-html and no data: URL, so the wall's and the admin page's CSP stay as they are.
import QRCode from "qrcode";

export interface QrMatrix {
  /** Modules per side, plus the quiet zone on both sides. */
  size: number;
  rects: { x: number; y: number; w: number }[];
}

/** The quiet zone around the code, in modules (the standard asks for 4; 2 is read by every phone). */
const QUIET = 2;

export function qrMatrix(text: string): QrMatrix {
  const m = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  const rects: QrMatrix["rects"] = [];
  for (let y = 0; y < m.size; y++) {
    let x = 0;
    while (x < m.size) {
      if (!m.get(y, x)) {
        x += 1;
        continue;
      }
      let w = 1;
      while (x + w < m.size && m.get(y, x + w)) w += 1;
      rects.push({ x: x + QUIET, y: y + QUIET, w });
      x += w;
    }
  }
  return { size: m.size + 2 * QUIET, rects };
}
