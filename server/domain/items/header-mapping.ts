// Which column of an imported list holds which item field: the headers government exports use (Chinese
// and English), or an explicit mapping the administrator chose in the column-mapping step.
import { ITEM_FIELDS, type ItemField } from "../../../contract/index.js";

const SYNONYMS: Record<ItemField, readonly string[]> = {
  code: ["code", "itemcode", "事项编码", "编码", "基本编码", "实施编码", "事项代码"],
  name: ["name", "itemname", "事项名称", "名称"],
  department: ["department", "dept", "实施部门", "部门", "实施主体", "责任部门", "办理部门"],
  type: ["type", "itemtype", "事项类型", "类型", "事项类别"],
  promisedDays: ["promiseddays", "承诺时限", "承诺办结时限", "承诺期限", "承诺时限工作日"],
  legalDays: ["legaldays", "法定时限", "法定办结时限", "法定期限"],
  maxVisits: ["maxvisits", "最多跑动次数", "跑动次数", "到现场次数", "到办事现场次数"],
  fullyOnline: ["fullyonline", "是否全程网办", "全程网办", "网上办理深度", "是否网办"],
  fees: ["fees", "fee", "收费标准", "收费", "是否收费", "收费情况"],
  conditions: ["conditions", "办理条件", "受理条件", "申请条件"],
  materials: ["materials", "申请材料", "材料", "所需材料", "申报材料"],
  approvedAt: ["approvedat", "审批时间", "批准时间", "变更审批日期", "审批日期", "批准日期"],
  publishedAt: ["publishedat", "公开时间", "发布时间", "公开日期", "发布日期"],
  effectiveAt: ["effectiveat", "生效时间", "实施日期", "生效日期", "施行日期"],
};

/** Header text reduced for matching: no spaces, punctuation, brackets or case ("承诺时限（工作日）" → "承诺时限工作日"). */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, "").toLowerCase().replace(/[\s_\-()（）[\]【】:：/\\.。,，*]/g, "");
}

/** A synonym, possibly followed by its unit as exports write it: "法定时限（工作日）", "最多跑动次数（次）". */
function isSynonym(normalized: string, synonyms: readonly string[]): boolean {
  if (synonyms.includes(normalized)) return true;
  const bare = normalized.replace(/(?:工作日|天|次)$/, "");
  return bare !== normalized && bare !== "" && synonyms.includes(bare);
}

export interface ColumnMapping {
  /** Column index for each field found. */
  columns: Partial<Record<ItemField, number>>;
  /** Headers no field was mapped to (shown in the mapping step). */
  unmapped: string[];
  /** Required fields with no column. */
  missing: ItemField[];
}

export const REQUIRED_FIELDS: readonly ItemField[] = ["code", "name", "department", "promisedDays", "maxVisits"];

/**
 * Maps headers onto fields: an explicit `{ field: header }` mapping wins, then known synonyms. A header
 * is used for one field only.
 */
export function mapColumns(headers: readonly string[], explicit: Partial<Record<ItemField, string>> = {}): ColumnMapping {
  const columns: Partial<Record<ItemField, number>> = {};
  const used = new Set<number>();
  const norm = headers.map(normalizeHeader);
  for (const field of ITEM_FIELDS) {
    const wanted = explicit[field];
    if (wanted === undefined) continue;
    const i = norm.indexOf(normalizeHeader(wanted));
    if (i >= 0 && !used.has(i)) {
      columns[field] = i;
      used.add(i);
    }
  }
  for (const field of ITEM_FIELDS) {
    if (columns[field] !== undefined || explicit[field] !== undefined) continue;
    const i = norm.findIndex((h, idx) => !used.has(idx) && isSynonym(h, SYNONYMS[field]));
    if (i >= 0) {
      columns[field] = i;
      used.add(i);
    }
  }
  return {
    columns,
    unmapped: headers.filter((_, i) => !used.has(i)),
    missing: REQUIRED_FIELDS.filter((f) => columns[f] === undefined),
  };
}
