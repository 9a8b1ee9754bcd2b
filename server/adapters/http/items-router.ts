// Item lists (事项清单): POST /api/halls/:hallId/items/:source imports a JSON array, a CSV (UTF-8 or GBK,
// `?encoding=gbk`) or an XLSX body (admin); `?partial=true` imports the good rows of a file with errors;
// `?dryRun=true` only reports (the column-mapping step); `?mapping={"code":"编号",…}` maps headers.
// GET …/:source (current or `?version=`), …/:source/versions, …/:source/diff?from=&to=.
import express, { Router } from "express";
import { ITEM_FIELDS, ITEM_SOURCES, type ItemField, type ItemSource } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { ItemLists } from "../../app/item-lists.js";
import { detectFormat, ITEM_LIST_FORMATS, type ItemListFormat } from "../items-import/parse-item-list.js";
import { BODY_LIMITS } from "../limits.js";
import { allow, allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";

function sourceParam(value: unknown): ItemSource {
  if (typeof value !== "string" || !(ITEM_SOURCES as readonly string[]).includes(value)) throw badRequest("source", "expected online or hall");
  return value as ItemSource;
}

function versionParam(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value) || Number(value) < 1) throw badRequest(name, "expected a version number");
  return Number(value);
}

function mappingParam(value: unknown): Partial<Record<ItemField, string>> | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = typeof value === "string" ? JSON.parse(value) : null;
  } catch {
    throw badRequest("mapping", "expected JSON like {\"code\":\"编号\"}");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw badRequest("mapping", "expected an object of field → header");
  for (const [k, v] of Object.entries(parsed)) {
    if (!(ITEM_FIELDS as readonly string[]).includes(k)) throw badRequest(`mapping.${k}`, "unknown field");
    if (typeof v !== "string" || v.length > 200) throw badRequest(`mapping.${k}`, "expected a header text");
  }
  return parsed as Partial<Record<ItemField, string>>;
}

export function itemsRouter(lists: ItemLists, directory: HallDirectory): Router {
  const r = Router();
  const hallOf = (raw: unknown) => {
    const hallId = idParam(raw, "hallId");
    if (!directory.get(hallId)) throw notFound("hall");
    return hallId;
  };

  r.post("/halls/:hallId/items/:source", allow("admin"), express.raw({ type: () => true, limit: BODY_LIMITS.itemList }), async (req, res) => {
    const hallId = hallOf(req.params.hallId);
    const source = sourceParam(req.params.source);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw badRequest("body", "empty file");
    const requested = req.query.format;
    if (requested !== undefined && !(ITEM_LIST_FORMATS as readonly string[]).includes(String(requested))) throw badRequest("format", "expected json, csv or xlsx");
    const format = (requested as ItemListFormat | undefined) ?? detectFormat(req.get("content-type"), bytes);
    const encoding = typeof req.query.encoding === "string" ? req.query.encoding : undefined;
    const mapping = mappingParam(req.query.mapping);
    const outcome = await lists.import(
      hallId,
      source,
      { bytes, format, ...(encoding ? { encoding } : {}), ...(mapping ? { mapping } : {}) },
      { partial: req.query.partial === "true", dryRun: req.query.dryRun === "true" },
    );
    if (outcome.version === null && !outcome.dryRun) {
      const message = outcome.errors.length > 0 ? `${outcome.errors.length} error(s) in the file; nothing was imported` : "the file holds no items";
      res.status(400).json({ error: { code: "bad_request", field: "body", message: `body: ${message}` }, ...outcome });
      return;
    }
    res.status(outcome.dryRun ? 200 : 201).json(outcome);
  });

  r.get("/halls/:hallId/items/:source", allowRead("admin", "manager", "staff"), async (req, res) => {
    const list = await lists.current(hallOf(req.params.hallId), sourceParam(req.params.source), versionParam(req.query.version, "version"));
    if (!list) throw notFound("item list version");
    res.json(list);
  });
  r.get("/halls/:hallId/items/:source/versions", allowRead("admin", "manager"), async (req, res) => {
    res.json({ versions: await lists.versions(hallOf(req.params.hallId), sourceParam(req.params.source)) });
  });
  r.get("/halls/:hallId/items/:source/diff", allowRead("admin", "manager"), async (req, res) => {
    const hallId = hallOf(req.params.hallId);
    const source = sourceParam(req.params.source);
    const from = versionParam(req.query.from, "from");
    const to = versionParam(req.query.to, "to");
    if (from === undefined) throw badRequest("from", "required");
    if (to === undefined) throw badRequest("to", "required");
    const diff = await lists.diff(hallId, source, from, to);
    if (!diff) throw notFound("item list version");
    res.json(diff);
  });
  return r;
}
