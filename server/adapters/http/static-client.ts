// Serves the built pages (dist/client) with a history-API fallback for the page routes.
import fs from "node:fs";
import path from "node:path";
import express, { Router } from "express";

const PAGE_ROUTES = ["/wall/:hallId", "/staff", "/admin", "/admin/*rest", "/overview", "/"];
const PUBLIC_PAGE_ROUTES = ["/public/:hallId", "/public/:hallId/month/:month"];

export function staticClient(clientDir: string): Router {
  const r = Router();
  const index = path.join(clientDir, "index.html");
  if (!fs.existsSync(index)) return r;
  r.use(express.static(clientDir, { index: false, maxAge: "1h" }));
  for (const route of PAGE_ROUTES) r.get(route, (_req, res) => res.set("Cache-Control", "no-cache").sendFile(index));
  // The citizens' page (issue #10) is its own small entry, without the admin and wall bundles.
  const publicPage = path.join(clientDir, "public.html");
  if (fs.existsSync(publicPage))
    for (const route of PUBLIC_PAGE_ROUTES) r.get(route, (_req, res) => res.set("Cache-Control", "no-cache").sendFile(publicPage));
  return r;
}
