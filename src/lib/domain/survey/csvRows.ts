/**
 * One CSV row → device fields, and a whole file → an import plan: the valid rows (to be written
 * in one transaction) and the invalid ones with their row number and reasons. Pure: existing
 * asset numbers and serials of the client are passed in, so duplicates are found before writing.
 * Invariant: every data row ends up in exactly one of `valid` or `invalid`.
 */
import { newDeviceFields, type DeviceFields, type DeviceStatus, type DeviceType } from '../device';
import { checkAssetNumber, isValidDate, isValidSerial, normalizeDevice, validateDevice } from '../validate';
import type { ColumnMapping, ImportField, ParsedTable } from './csvMapping';
import { cleanSerial } from './placeholders';

export type RowErrorCode =
  | 'required' | 'invalidAssetNumber' | 'assetNumberCheckChar' | 'invalidDate' | 'invalidNumber' | 'invalidSerial'
  | 'duplicateInFile' | 'duplicateAssetNumber' | 'duplicateSerial' | 'tooLong' | 'invalid';
export interface RowError { field: ImportField | string; code: RowErrorCode; value: string }
export interface ValidRow { line: number; fields: DeviceFields }
export interface InvalidRow { line: number; errors: RowError[]; assetNumber: string }
export interface ImportPlan { valid: ValidRow[]; invalid: InvalidRow[] }

export interface PlanContext {
  tenantId: string;
  siteId: string;
  /** Asset numbers (normalised) and serials (upper-case) the client already has. */
  existingAssetNumbers: ReadonlySet<string>;
  existingSerials: ReadonlySet<string>;
  /** A location id for a location text, or null (the text is then kept in custom.location). */
  locate: (text: string) => string | null;
}

const STATUS: [RegExp, DeviceStatus][] = [
  [/repair|broken|维修|故障|损坏/i, 'inRepair'],
  [/archiv|retir|lost|stolen|dispos|归档|报废|丢失|停用|已处置/i, 'retired'],
  [/ready|stock|pending|undeploy|可部署|待|库存|闲置|备用/i, 'inStock'],
  [/deploy|in use|use|已部署|在用|使用中|已分配|借出/i, 'inUse']
];
const TYPE: [RegExp, DeviceType][] = [
  [/laptop|notebook|笔记本/i, 'laptop'], [/server|服务器/i, 'server'], [/switch|交换机/i, 'switch'],
  [/router|路由/i, 'router'], [/firewall|防火墙/i, 'firewall'], [/access ?point|\bap\b|wi-?fi|无线/i, 'accessPoint'],
  [/printer|打印|复印|mfp/i, 'printer'], [/phone|电话|话机/i, 'phone'], [/medical|医疗|监护|超声/i, 'medical'],
  [/desktop|pc|computer|workstation|台式|主机|电脑|计算机/i, 'desktop'],
  [/monitor|display|scanner|keyboard|peripheral|显示器|扫描|外设|投影/i, 'peripheral']
];

export function mapStatus(s: string): DeviceStatus {
  const t = s.trim();
  return t === '' ? 'inUse' : STATUS.find(([re]) => re.test(t))?.[1] ?? 'inUse';
}
export function mapCategory(s: string): DeviceType {
  const t = s.trim();
  return t === '' ? 'desktop' : TYPE.find(([re]) => re.test(t))?.[1] ?? 'other';
}

/** YYYY-MM-DD from the date shapes Excel and Snipe-IT write; null for empty, undefined for junk. */
export function parseDate(s: string): string | null | undefined {
  const t = s.trim();
  if (t === '') return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?.*)?$/.exec(t);
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(d) ? d : undefined;
}

/** A cost as Snipe-IT or Excel writes it ("¥4,299.00", "CNY 4299"); null for empty, undefined for junk. */
export function parseCost(s: string): number | null | undefined {
  const t = s.trim().replace(/^(¥|￥|CNY|RMB|\$|US\$)\s*/i, '').replace(/(元|CNY|RMB)$/i, '').replace(/,/g, '').trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1 + months, d));
  return dt.toISOString().slice(0, 10);
}

export function rowToDevice(cells: readonly string[], map: ColumnMapping, ctx: Pick<PlanContext, 'tenantId' | 'siteId' | 'locate'>): { fields: DeviceFields; errors: RowError[] } {
  const get = (f: ImportField) => { const i = map[f]; return i === null ? '' : (cells[i] ?? '').trim(); };
  const errors: RowError[] = [];
  const err = (field: ImportField | string, code: RowErrorCode, value: string) => errors.push({ field, code, value });
  const locText = get('location');
  const locationId = locText ? ctx.locate(locText) : null;
  const f = newDeviceFields(ctx.tenantId, ctx.siteId, locationId);
  if (locText && !locationId) f.custom.location = locText;
  const asset = checkAssetNumber(get('assetNumber'));
  if (asset.ok) f.assetNumber = asset.value;
  else err('assetNumber', asset.error, get('assetNumber'));
  f.name = get('name');
  f.model = get('model');
  f.manufacturer = get('manufacturer');
  f.type = mapCategory(get('category'));
  f.status = mapStatus(get('status'));
  f.assignedUser = get('assignedUser');
  f.department = get('department');
  f.supplier = get('supplier');
  f.notes = get('notes');
  const serial = cleanSerial(get('serial'));
  if (serial !== '' && !isValidSerial(serial)) err('serial', 'invalidSerial', serial);
  else f.serial = serial;
  const pd = parseDate(get('purchaseDate'));
  if (pd === undefined) err('purchaseDate', 'invalidDate', get('purchaseDate')); else f.purchaseDate = pd;
  const cost = parseCost(get('purchaseCost'));
  if (cost === undefined) err('purchaseCost', 'invalidNumber', get('purchaseCost')); else f.purchaseCost = cost;
  const we = parseDate(get('warrantyEnd'));
  if (we === undefined) err('warrantyEnd', 'invalidDate', get('warrantyEnd')); else f.warrantyEnd = we;
  // Snipe-IT exports the warranty as months from the purchase date.
  const months = get('warrantyMonths').replace(/\s*(months?|个月|月)$/i, '');
  if (f.warrantyEnd === null && months !== '' && f.purchaseDate) {
    const n = Number(months);
    if (Number.isInteger(n) && n >= 0 && n < 1200) f.warrantyEnd = addMonths(f.purchaseDate, n);
    else err('warrantyMonths', 'invalidNumber', get('warrantyMonths'));
  }
  if (errors.length === 0) {
    const n = normalizeDevice(f);
    for (const [field, code] of Object.entries(validateDevice(n))) {
      err(field, code === 'tooLong' ? 'tooLong' : code === 'warrantyBeforePurchase' ? 'invalidDate' : 'invalid', '');
    }
    return { fields: n, errors };
  }
  return { fields: f, errors };
}

export function planImport(table: ParsedTable, map: ColumnMapping, ctx: PlanContext): ImportPlan {
  const valid: ValidRow[] = [];
  const invalid: InvalidRow[] = [];
  const seenAssets = new Map<string, number>();
  const seenSerials = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const { fields, errors } = rowToDevice(cells, map, ctx);
    const a = fields.assetNumber;
    if (a !== '') {
      if (ctx.existingAssetNumbers.has(a)) errors.push({ field: 'assetNumber', code: 'duplicateAssetNumber', value: a });
      else if (seenAssets.has(a)) errors.push({ field: 'assetNumber', code: 'duplicateInFile', value: `${a} (${seenAssets.get(a)})` });
    }
    const s = fields.serial.toUpperCase();
    if (s !== '') {
      if (ctx.existingSerials.has(s)) errors.push({ field: 'serial', code: 'duplicateSerial', value: fields.serial });
      else if (seenSerials.has(s)) errors.push({ field: 'serial', code: 'duplicateInFile', value: `${fields.serial} (${seenSerials.get(s)})` });
    }
    if (a !== '' && !seenAssets.has(a)) seenAssets.set(a, line);
    if (s !== '' && !seenSerials.has(s)) seenSerials.set(s, line);
    if (errors.length > 0) invalid.push({ line, errors, assetNumber: a || (map.assetNumber === null ? '' : cells[map.assetNumber] ?? '') });
    else valid.push({ line, fields });
  }
  return { valid, invalid };
}
