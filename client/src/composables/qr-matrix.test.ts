import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { publicPageUrl } from "./public-hall.js";
import { qrMatrix } from "./qr-matrix.js";

describe("qrMatrix", () => {
  it("covers exactly the dark modules of the qrcode matrix, shifted by the quiet zone", () => {
    const text = publicPageUrl("http://10.0.0.5:3000", "demo-county");
    const m = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
    const { size, rects } = qrMatrix(text);
    expect(size).toBe(m.size + 4);
    const dark = new Set<string>();
    for (const r of rects) for (let i = 0; i < r.w; i++) dark.add(`${r.x + i - 2},${r.y - 2}`);
    let expected = 0;
    for (let y = 0; y < m.size; y++)
      for (let x = 0; x < m.size; x++)
        if (m.get(y, x)) {
          expected += 1;
          expect(dark.has(`${x},${y}`)).toBe(true);
        }
    expect(dark.size).toBe(expected);
    // Runs are merged: fewer rects than dark modules.
    expect(rects.length).toBeLessThan(expected);
  });

  it("builds the public page's address with the hall id encoded", () => {
    expect(publicPageUrl("https://hall.example.gov.cn", "a b")).toBe("https://hall.example.gov.cn/public/a%20b");
  });
});
