/**
 * Column mapping of a Snipe-IT asset export (or any asset list): which CSV column fills which
 * device field. Guessed from the header names Snipe-IT writes in English and in Chinese
 * (its zh-CN translation) and what Chinese asset registers in Excel commonly use; the user can
 * change every choice before importing.
 */
import Papa from 'papaparse';

export const IMPORT_FIELDS = [
  'assetNumber', 'name', 'serial', 'model', 'manufacturer', 'category', 'status', 'assignedUser',
  'department', 'location', 'purchaseDate', 'purchaseCost', 'supplier', 'warrantyEnd', 'warrantyMonths', 'notes'
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Column index per field, or null when no column fills it. */
export type ColumnMapping = Record<ImportField, number | null>;

const key = (s: string) => s.toLowerCase().replace(/[\s_\-.:：()（）/]/g, '');

// Exact header names first (after `key`), in order of preference.
const HEADERS: Record<ImportField, string[]> = {
  assetNumber: ['assettag', 'asset tag', 'assetnumber', 'asset no', 'tag', '资产标签', '资产编号', '资产标记', '资产号', '固定资产编号'],
  name: ['assetname', 'name', 'devicename', 'hostname', '资产名称', '名称', '设备名称', '计算机名'],
  serial: ['serial', 'serialnumber', 'serial no', 'sn', '序列号', '序列号码', '出厂编号'],
  model: ['model', 'modelname', 'asset model', '型号', '型号名称', '规格型号', '资产型号'],
  manufacturer: ['manufacturer', 'make', 'brand', 'vendor', '制造商', '厂商', '品牌', '生产厂家'],
  category: ['category', 'type', 'assettype', '类别', '分类', '类型', '资产类别', '设备类型'],
  status: ['status', 'statuslabel', '状态', '状态标签', '使用状态'],
  assignedUser: ['checkedoutto', 'assignedto', 'user', 'owner', '借出给', '已借出给', '分配给', '使用人', '使用者', '领用人', '责任人'],
  department: ['department', 'dept', '部门', '使用部门', '所属部门'],
  location: ['location', 'defaultlocation', 'rtdlocation', '位置', '地点', '存放地点', '存放位置', '默认位置'],
  purchaseDate: ['purchasedate', 'purchased', '购买日期', '采购日期', '购置日期', '购入日期'],
  purchaseCost: ['purchasecost', 'cost', 'price', '购买成本', '采购成本', '采购价格', '价格', '金额', '原值'],
  supplier: ['supplier', '供应商', '供货商'],
  warrantyEnd: ['warrantyexpires', 'warrantyexpiration', 'warrantyend', '保修到期', '保修到期日', '保修截止日期', '保修截止', '质保到期'],
  warrantyMonths: ['warranty', 'warrantymonths', '保修', '保修期', '保修月', '保修月数', '质保期'],
  notes: ['notes', 'note', 'comments', '备注', '说明']
};

/** Guesses the mapping from the header row; each column is used at most once. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const keys = headers.map(key);
  const used = new Set<number>();
  const out = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
  for (const f of IMPORT_FIELDS) {
    for (const name of HEADERS[f]) {
      const i = keys.findIndex((k, j) => !used.has(j) && k === key(name));
      if (i >= 0) { out[f] = i; used.add(i); break; }
    }
  }
  return out;
}

export interface ParsedTable {
  headers: string[];
  /** Data rows with their row number as a spreadsheet shows it (the header is row 1). */
  rows: { line: number; cells: string[] }[];
  /** Papaparse's complaints (an unclosed quote…), with their row numbers. */
  problems: { line: number; message: string }[];
}

/** Parses CSV text with papaparse; blank rows are dropped but keep their numbering. */
export function parseCsvTable(text: string): ParsedTable {
  const r = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const all = r.data;
  const headers = (all[0] ?? []).map((h) => h.trim());
  const rows: ParsedTable['rows'] = [];
  for (let i = 1; i < all.length; i++) {
    const cells = all[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ line: i + 1, cells });
  }
  const problems = r.errors.filter((e) => e.code !== 'TooFewFields' && e.code !== 'TooManyFields')
    .map((e) => ({ line: (e.row ?? 0) + 1, message: e.message }));
  return { headers, rows, problems };
}
