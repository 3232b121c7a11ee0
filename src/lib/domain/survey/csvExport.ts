// CSV of any list, for Excel: papaparse writes it (quoting, embedded newlines), CRLF line ends,
// and a UTF-8 BOM, without which Excel in a Chinese locale reads the file as GBK and garbles it.
import Papa from 'papaparse';
import type { DeviceFields } from '../device';

export interface CsvColumn<T> { header: string; value: (row: T) => string | number | null | undefined }

export const BOM = '\uFEFF';

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const data = rows.map((r) => columns.map((c) => {
    const v = c.value(r);
    return v === null || v === undefined ? '' : String(v);
  }));
  // A leading = + - @ would make Excel evaluate the cell as a formula (CSV injection).
  const safe = data.map((cells) => cells.map((v) => (/^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v)));
  return BOM + Papa.unparse({ fields: columns.map((c) => c.header), data: safe }, { newline: '\r\n', quotes: false });
}

type DeviceLike = DeviceFields & { id: string };

/** The device list's columns; headers are passed in (translated by the caller). */
export function deviceColumns(h: (key: string) => string, locationOf: (id: string | null) => string): CsvColumn<DeviceLike>[] {
  return [
    { header: h('assetNumber'), value: (d) => d.assetNumber },
    { header: h('name'), value: (d) => d.name },
    { header: h('type'), value: (d) => d.type },
    { header: h('manufacturer'), value: (d) => d.manufacturer },
    { header: h('model'), value: (d) => d.model },
    { header: h('serial'), value: (d) => d.serial },
    { header: h('location'), value: (d) => locationOf(d.locationId) },
    { header: h('assignedUser'), value: (d) => d.assignedUser },
    { header: h('department'), value: (d) => d.department },
    { header: h('status'), value: (d) => d.status },
    { header: h('purchaseDate'), value: (d) => d.purchaseDate },
    { header: h('purchaseCost'), value: (d) => d.purchaseCost },
    { header: h('supplier'), value: (d) => d.supplier },
    { header: h('warrantyEnd'), value: (d) => d.warrantyEnd },
    { header: h('cpu'), value: (d) => d.hardware.cpu },
    { header: h('memoryGb'), value: (d) => d.hardware.memoryGb },
    { header: h('os'), value: (d) => [d.software.os, d.software.osVersion].filter(Boolean).join(' ') },
    { header: h('macs'), value: (d) => d.hardware.nics.map((n) => n.mac).filter(Boolean).join(' ') },
    { header: h('ips'), value: (d) => d.hardware.nics.map((n) => n.ip).filter(Boolean).join(' ') },
    { header: h('notes'), value: (d) => d.notes }
  ];
}
