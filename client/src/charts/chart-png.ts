// Saves a drawn chart as a PNG file: the chart's picture (BaseChart's dataUrl()) through a hidden link
// clicked once; nothing happens while the chart has no picture yet.

/** The part of BaseChart's exposed API a download needs. */
export interface PictureSource {
  dataUrl(): string | null;
}

export function downloadChartPng(chart: PictureSource | null, fileName: string): void {
  const url = chart?.dataUrl();
  if (!url) return;
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
}
