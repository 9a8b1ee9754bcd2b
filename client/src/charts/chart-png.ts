// Saves a drawn chart as a PNG file: the chart's picture (BaseChart's dataUrl()) through the hidden link of
// api/file-download.ts; nothing happens while the chart has no picture yet.
import { saveUrl } from "../api/file-download.js";

/** The part of BaseChart's exposed API a download needs. */
export interface PictureSource {
  dataUrl(): string | null;
}

export function downloadChartPng(chart: PictureSource | null, fileName: string): void {
  const url = chart?.dataUrl();
  if (url) saveUrl(url, fileName);
}
