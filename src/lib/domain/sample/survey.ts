/**
 * The sample client's driver library, licences and OS images, derived from the devices
 * sampleClient() makes so the Drivers, Software and Images screens (and the survey report) have
 * realistic findings: Office over-deployed, a licence expiring within 60 days, an expired
 * antivirus licence, the two largest hardware groups imaged (one restore-tested), one manager's
 * own image, the rest uncovered. Dates are relative to `today`, so the findings stay findings.
 */
import { hardwareGroups } from '../survey/images';
import type { SampleClient } from '../sample';

export interface SampleDriver { model: string; component: string; os: string; name: string; version: string; vendor: string; lanPath: string; notes: string }
export interface SampleLicence { product: string; vendor: string; seats: number; key: string; expiresAt: string | null; supplier: string; installerPath: string }
export interface SampleImage { groupKey: string; deviceAssets: string[]; imageId: string; hash: string; location: string; takenAt: string; restoreTestedAt: string | null }
export interface SampleSurvey { drivers: SampleDriver[]; licences: SampleLicence[]; images: SampleImage[] }

const NAS = '\\\\10.10.50.20\\it';
const drv = (model: string, component: string, os: string, name: string, version: string, vendor: string, folder: string, notes = ''): SampleDriver =>
  ({ model, component, os, name, version, vendor, lanPath: `${NAS}\\drivers\\${folder}`, notes });

const DRIVERS: SampleDriver[] = [
  drv('ThinkCentre M720t', '', 'Windows 10', 'Intel 芯片组驱动', '10.1.18460.8229', 'Lenovo', 'M720t\\chipset'),
  drv('ThinkCentre M720t', '', 'Windows 10', 'Realtek 声卡驱动', '6.0.8924.1', 'Lenovo', 'M720t\\audio'),
  drv('ThinkCentre M720t', '', 'Windows 10', 'Intel 以太网驱动 I219-V', '12.19.1.37', 'Intel', 'M720t\\lan', '重装系统后先装网卡驱动'),
  drv('OptiPlex 7090', '', 'Windows 11', 'Dell 驱动包 (CAB)', 'A12', 'Dell', 'OptiPlex7090\\cab', '用 Dell Command | Deploy 导入'),
  drv('ProDesk 400 G7', '', 'Windows 10', 'HP SoftPaq 驱动包', '2023-09', 'HP', 'ProDesk400G7'),
  drv('ThinkPad T14 Gen 3', '', 'Windows 11', 'Lenovo System Update 驱动合集', '5.08', 'Lenovo', 'T14G3'),
  drv('MateBook 14', '', 'Windows 11', '华为电脑管家（含驱动）', '13.0.6.330', 'Huawei', 'MateBook14'),
  drv('PowerEdge R740', '', 'Windows Server 2019', 'PERC H740P RAID 驱动', '7.716.03.00', 'Dell', 'R740\\perc', '装系统时在“加载驱动程序”中选择'),
  drv('PowerEdge R740', '', 'Windows Server 2019', 'Broadcom 57416 网卡驱动', '226.0.145.0', 'Dell', 'R740\\nic'),
  drv('', 'LaserJet Pro M404dn', 'Windows', 'HP LaserJet Pro M404 PCL6 驱动', '48.4.4563', 'HP', 'printers\\M404'),
  drv('', 'HL-L5100DN', 'Windows', 'Brother HL-L5100DN 打印驱动', '1.9.0.0', 'Brother', 'printers\\L5100'),
  drv('', 'fi-7160', 'Windows', 'PaperStream IP (TWAIN)', '3.10.0', 'Fujitsu', 'scanners\\fi7160', '扫描仪需同时安装 PaperStream Capture')
];

function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

export function sampleSurvey(c: SampleClient, today: string): SampleSurvey {
  const count = (p: string) => c.devices.filter((d) => d.software.installed.some((s) => s.name.startsWith(p))).length;
  const office = count('Microsoft Office');
  const licences: SampleLicence[] = [
    { product: 'Microsoft Office Professional Plus 2019', vendor: 'Microsoft', seats: Math.max(1, Math.floor(office * 0.8)), key: 'NKJFK-GPHP7-G8C3J-P6JXR-7Q4MB', expiresAt: null, supplier: '神州数码', installerPath: `${NAS}\\software\\Office2019` },
    { product: '用友U8', vendor: '用友网络', seats: count('用友U8') + 5, key: 'U8-2021-88321-XK20', expiresAt: addDays(today, 45), supplier: '用友网络', installerPath: `${NAS}\\software\\U8` },
    { product: 'HIS 客户端', vendor: '东华软件', seats: count('HIS') + 100, key: 'HIS-SZYY-000912-AA7C', expiresAt: addDays(today, 400), supplier: '东华软件', installerPath: `${NAS}\\software\\HIS` },
    { product: '卡巴斯基', vendor: 'Kaspersky', seats: 50, key: 'KL4863-CNZ-2B7-91QA', expiresAt: addDays(today, -20), supplier: '本地经销商', installerPath: `${NAS}\\software\\kaspersky` },
    { product: 'WPS Office', vendor: '金山办公', seats: count('WPS') + 20, key: 'WPS-ENT-7731-0CE2', expiresAt: addDays(today, 200), supplier: '京东企业购', installerPath: `${NAS}\\software\\WPS` }
  ];
  const withIds = c.devices.map((d) => ({ ...d, id: d.assetNumber }));
  const groups = hardwareGroups(withIds);
  const images: SampleImage[] = groups.slice(0, 2).map((g, i) => ({
    groupKey: g.key, deviceAssets: [], imageId: `IMG-${g.label.replace(/[^A-Za-z0-9]+/g, '')}-${i + 1}`,
    hash: `sha256:${(0x5eed0000 + i).toString(16).padStart(8, '0')}${'0'.repeat(56)}`,
    location: `${NAS}\\images\\${g.label.replace(/\s+/g, '_')}.wim`, takenAt: addDays(today, -90 - 30 * i), restoreTestedAt: i === 0 ? addDays(today, -80) : null
  }));
  const boss = c.devices.find((d) => d.importance.includes('management') && (d.type === 'desktop' || d.type === 'laptop'));
  if (boss) images.push({ groupKey: '', deviceAssets: [boss.assetNumber], imageId: `IMG-${boss.assetNumber}`, hash: `sha256:${'b0'.repeat(32)}`, location: `${NAS}\\images\\${boss.assetNumber}.wim`, takenAt: addDays(today, -30), restoreTestedAt: null });
  return { drivers: DRIVERS, licences, images };
}
