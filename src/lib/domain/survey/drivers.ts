/**
 * Driver library (survey artefact 1.2): drivers per hardware model or component and OS.
 * driversForDevice(): a driver applies to a device when
 *   - its `model` is the device's model (or maker + model), or its `component` names one of the
 *     device's parts (CPU, board, disks, NICs, peripherals), compared normalised as substrings;
 *   - and its `os` is empty, or the device's OS contains it (so "Windows 10" covers
 *     "Windows 10 专业版 22H2"); a driver with no model and no component applies to nothing.
 */
import type { DeviceFields } from '../device';

export interface DriverRecord {
  id: string;
  model: string;
  component?: string | null;
  os: string;
  name: string;
  version: string;
  vendor: string;
  /** SHA-256 of the file (an attachment), when the file is in the library. */
  sha256?: string | null;
  fileName?: string | null;
  /** The attachment record holding the file (src/lib/attachments). */
  attachmentId?: string | null;
  lanPath?: string | null;
  notes: string;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\(r\)|\(tm\)|®|™/g, ' ').replace(/[^\p{L}\p{N}.]+/gu, ' ').replace(/\s+/g, ' ').trim();

type HwDevice = Pick<DeviceFields, 'manufacturer' | 'model' | 'hardware' | 'software'>;

export function deviceComponents(d: HwDevice): string[] {
  const hw = d.hardware;
  return [hw.cpu, hw.board, ...hw.disks.map((k) => k.model), ...hw.nics.map((n) => n.name), ...hw.peripherals.split(/[;；,，\n]/)]
    .map(norm).filter((s) => s.length >= 3);
}

export function osMatches(driverOs: string, deviceOs: string): boolean {
  const want = norm(driverOs);
  if (want === '' || want === 'any' || want === '通用') return true;
  return norm(deviceOs).includes(want);
}

export function driverApplies(dr: Pick<DriverRecord, 'model' | 'component' | 'os'>, d: HwDevice): boolean {
  const os = `${d.software.os} ${d.software.osVersion}`;
  if (!osMatches(dr.os, os)) return false;
  const model = norm(dr.model);
  if (model !== '' && (model === norm(d.model) || model === norm(`${d.manufacturer} ${d.model}`))) return true;
  const comp = norm(dr.component ?? '');
  return comp !== '' && deviceComponents(d).some((c) => c.includes(comp) || comp.includes(c));
}

export function driversForDevice<T extends DriverRecord>(d: HwDevice, drivers: readonly T[]): T[] {
  return drivers.filter((dr) => driverApplies(dr, d)).sort((a, b) => a.name.localeCompare(b.name) || b.version.localeCompare(a.version));
}

/** A file or folder name that is safe on FAT32 USB sticks and Windows. */
export function safeFileName(s: string): string {
  const t = s.normalize('NFKC').replace(/[\\/:*?"<>|]+/g, '_').replace(/\p{Cc}+/gu, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  return (t === '' ? 'driver' : t).slice(0, 80);
}

export interface ManifestEntry {
  name: string; version: string; vendor: string; os: string; model: string; component: string;
  sha256: string; file: string; lanPath: string; notes: string;
}

export interface DriverManifest {
  format: 'assetwalk-drivers';
  version: 1;
  createdAt: string;
  device: { assetNumber: string; model: string; os: string } | null;
  drivers: ManifestEntry[];
}

/** The path of a driver's file inside the zip: one folder per driver, named and versioned. */
export function zipPathOf(dr: Pick<DriverRecord, 'name' | 'version' | 'fileName' | 'sha256'>): string {
  const folder = safeFileName(`${dr.name} ${dr.version}`.trim());
  return `drivers/${folder}/${safeFileName(dr.fileName || (dr.sha256 ?? '').slice(0, 12) || 'file')}`;
}

export function driverManifest(drivers: readonly DriverRecord[], hasFile: (d: DriverRecord) => boolean, createdAt: string, device: DriverManifest['device']): DriverManifest {
  return {
    format: 'assetwalk-drivers', version: 1, createdAt, device,
    drivers: drivers.map((d) => ({
      name: d.name, version: d.version, vendor: d.vendor, os: d.os, model: d.model, component: d.component ?? '',
      sha256: d.sha256 ?? '', file: hasFile(d) ? zipPathOf(d) : '', lanPath: d.lanPath ?? '', notes: d.notes
    }))
  };
}

/** README.txt of the stick, in both languages: what is where and how to check a file. */
export function driverReadme(m: DriverManifest): string {
  const lines = [
    'AssetWalk 驱动程序包 / driver package',
    `创建 / created: ${m.createdAt}`,
    m.device ? `设备 / device: ${m.device.assetNumber} · ${m.device.model} · ${m.device.os}` : '',
    '',
    '名称 / name | 版本 / version | 厂商 / vendor | 操作系统 / OS | SHA-256 | 文件或局域网路径 / file or LAN path',
    ...m.drivers.map((d) => [d.name, d.version, d.vendor, d.os || '-', d.sha256 || '-', d.file || d.lanPath || '-'].join(' | ')),
    '',
    '校验 / verify: certutil -hashfile <file> SHA256   (Windows)   ·   sha256sum <file>   (Linux)'
  ];
  return lines.filter((l, i) => l !== '' || i > 2).join('\r\n') + '\r\n';
}
