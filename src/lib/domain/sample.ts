// A realistic sample client, generated deterministically from a seed: for newcomers and benchmarks.
import { formatAssetNumber } from './assetNumber';
import { emptyHardware, emptySoftware, type DeviceFields, type DeviceType, type ImportanceTag } from './device';

/** mulberry32: tiny, fast, good enough to make varied sample data reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强'];
const DEPTS: [string, ImportanceTag | null][] = [
  ['财务部', 'finance'], ['人事部', 'hr'], ['总经理办公室', 'management'], ['信息科', null], ['门诊部', null],
  ['住院部', null], ['药剂科', null], ['放射科', null], ['行政部', null], ['采购部', null], ['市场部', null]
];
const SUPPLIERS = ['京东企业购', '神州数码', '联强国际', '本地经销商', '戴尔直销'];

interface Model { type: DeviceType; maker: string; model: string; cpu: string; mem: number; disk: number; os: string; osv: string; price: number }
const MODELS: Model[] = [
  { type: 'desktop', maker: 'Lenovo', model: 'ThinkCentre M720t', cpu: 'Intel Core i5-9500', mem: 8, disk: 512, os: 'Windows 10 专业版', osv: '22H2', price: 4299 },
  { type: 'desktop', maker: 'Dell', model: 'OptiPlex 7090', cpu: 'Intel Core i7-10700', mem: 16, disk: 512, os: 'Windows 11 专业版', osv: '23H2', price: 6199 },
  { type: 'desktop', maker: 'HP', model: 'ProDesk 400 G7', cpu: 'Intel Core i5-10500', mem: 8, disk: 256, os: 'Windows 10 专业版', osv: '21H2', price: 3899 },
  { type: 'laptop', maker: 'Lenovo', model: 'ThinkPad T14 Gen 3', cpu: 'Intel Core i7-1260P', mem: 16, disk: 512, os: 'Windows 11 专业版', osv: '23H2', price: 8999 },
  { type: 'laptop', maker: 'Huawei', model: 'MateBook 14', cpu: 'Intel Core i5-1240P', mem: 16, disk: 512, os: 'Windows 11 家庭中文版', osv: '22H2', price: 5999 },
  { type: 'server', maker: 'Dell', model: 'PowerEdge R740', cpu: '2 × Intel Xeon Silver 4214', mem: 128, disk: 4000, os: 'Windows Server 2019', osv: '1809', price: 48000 },
  { type: 'server', maker: 'Inspur', model: 'NF5280M6', cpu: '2 × Intel Xeon Gold 5318Y', mem: 256, disk: 8000, os: 'CentOS', osv: '7.9', price: 62000 },
  { type: 'switch', maker: 'Huawei', model: 'S5735-L24T4S', cpu: '', mem: 0, disk: 0, os: 'VRP', osv: 'V200R021', price: 3200 },
  { type: 'switch', maker: 'H3C', model: 'S5130S-28S-EI', cpu: '', mem: 0, disk: 0, os: 'Comware', osv: '7.1', price: 2800 },
  { type: 'router', maker: 'Huawei', model: 'AR6140-16G4XG', cpu: '', mem: 0, disk: 0, os: 'VRP', osv: 'V300R021', price: 9800 },
  { type: 'firewall', maker: 'Sangfor', model: 'AF-1000-B1350', cpu: '', mem: 0, disk: 0, os: 'AF', osv: '8.0.47', price: 26000 },
  { type: 'accessPoint', maker: 'Ruijie', model: 'RG-AP820-L(V3)', cpu: '', mem: 0, disk: 0, os: 'RGOS', osv: '11.9', price: 1500 },
  { type: 'printer', maker: 'HP', model: 'LaserJet Pro M404dn', cpu: '', mem: 0, disk: 0, os: '', osv: '', price: 2399 },
  { type: 'printer', maker: 'Brother', model: 'HL-L5100DN', cpu: '', mem: 0, disk: 0, os: '', osv: '', price: 2999 },
  { type: 'peripheral', maker: 'Fujitsu', model: 'fi-7160 扫描仪', cpu: '', mem: 0, disk: 0, os: '', osv: '', price: 5200 },
  { type: 'phone', maker: 'Yealink', model: 'SIP-T54W', cpu: '', mem: 0, disk: 0, os: '', osv: '', price: 1100 },
  { type: 'medical', maker: 'Mindray', model: 'BeneVision N12 监护仪', cpu: '', mem: 0, disk: 0, os: '', osv: '', price: 38000 }
];
const WEIGHTS = [14, 12, 10, 8, 5, 2, 1, 3, 2, 1, 1, 3, 4, 2, 2, 4, 3];
const OFFICE = [['WPS Office', '11.1.0'], ['Microsoft Office 专业增强版', '2019'], ['钉钉', '7.5'], ['企业微信', '4.1'], ['360安全卫士', '13.0'], ['Adobe Acrobat Reader', '23.6'], ['用友U8', '13.0'], ['HIS 客户端', '5.2']];
const AV = [['火绒安全', 'ok'], ['360杀毒', 'ok'], ['卡巴斯基', 'outdated'], ['', 'missing']] as const;

export interface SampleLocation { key: string; siteKey: string; building: string; floor: string; room: string }
export interface SampleSite { key: string; name: string; address: string }
export interface SampleClient {
  tenant: { name: string; assetPrefix: string; serviceDeskPhone: string };
  sites: SampleSite[];
  locations: SampleLocation[];
  /** Devices without tenant/site/location ids: `siteKey` and `locationKey` name them. */
  devices: (Omit<DeviceFields, 'tenantId' | 'siteId' | 'locationId'> & { siteKey: string; locationKey: string })[];
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}
function pickWeighted(r: () => number): Model {
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < MODELS.length; i++) if ((x -= WEIGHTS[i]!) < 0) return MODELS[i]!;
  return MODELS[0]!;
}
const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
function date(r: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(r() * (toYear - fromYear + 1));
  return `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
}

export function sampleClient(deviceCount = 200, seed = 7): SampleClient {
  const r = rng(seed);
  const prefix = 'SZYY';
  const sites: SampleSite[] = [
    { key: 'main', name: '总院（福田院区）', address: '深圳市福田区笋岗西路 3002 号' },
    { key: 'east', name: '东院（罗湖院区）', address: '深圳市罗湖区东门北路 1012 号' }
  ];
  const locations: SampleLocation[] = [];
  for (const [siteKey, buildings] of [['main', ['门诊楼', '住院楼', '行政楼']], ['east', ['综合楼']]] as const) {
    for (const b of buildings) {
      for (let f = 1; f <= (b === '行政楼' ? 4 : 6); f++) {
        for (let room = 1; room <= 3; room++) {
          locations.push({ key: `${siteKey}-${b}-${f}-${room}`, siteKey, building: b, floor: `${f}F`, room: `${f}0${room}` });
        }
      }
    }
  }
  const devices: SampleClient['devices'] = [];
  for (let i = 0; i < deviceCount; i++) {
    const m = pickWeighted(r);
    const loc = pick(r, locations);
    const personalType = m.type === 'desktop' || m.type === 'laptop';
    // Servers sit in the server room; network gear and shared devices belong to the IT department.
    const [dept, imp] = m.type === 'server' ? ['信息科', 'serverRoom' as const] : personalType ? pick(r, DEPTS) : ['信息科', null];
    const purchaseDate = date(r, 2017, 2026);
    const warrantyYears = m.type === 'server' ? 5 : 3;
    const pd = new Date(purchaseDate + 'T00:00:00Z');
    pd.setUTCFullYear(pd.getUTCFullYear() + warrantyYears);
    const warrantyEnd = pd.toISOString().slice(0, 10);
    const personal = personalType;
    const user = personal ? pick(r, SURNAMES) + pick(r, GIVEN) : '';
    const hardware = emptyHardware();
    const software = emptySoftware();
    const mac = `${pick(r, ['00:1A:2B', 'F4:8E:38', '3C:52:82', '00:E0:4C'])}:${hex2(Math.floor(r() * 256))}:${hex2(Math.floor(r() * 256))}:${hex2(i % 256)}`;
    if (m.cpu) {
      Object.assign(hardware, {
        cpu: m.cpu, memoryGb: m.mem, bios: `${m.maker} ${1 + Math.floor(r() * 3)}.${Math.floor(r() * 20)}.0`, board: `${m.maker} ${m.model.split(' ')[0]}`,
        disks: [{ model: pick(r, ['Samsung PM981a', 'WD SN530', 'Seagate ST1000DM010', 'Intel D3-S4510']), sizeGb: m.disk, kind: m.disk > 1000 ? 'RAID1' : 'SSD' }],
        peripherals: personal ? pick(r, ['罗技键鼠套装', '戴尔 P2419H 显示器', '飞利浦 243V7 显示器', '']) : ''
      });
      const av = pick(r, AV);
      Object.assign(software, {
        os: m.os, osVersion: m.osv, antivirus: { name: av[0], state: av[1] },
        installed: OFFICE.filter(() => r() < 0.5).map(([name, version]) => ({ name: name!, version: version! }))
      });
    } else if (m.os) {
      Object.assign(software, { os: m.os, osVersion: m.osv });
    }
    const needsIp = m.type !== 'peripheral';
    hardware.nics = needsIp ? [{ name: personal ? '以太网' : 'GE0/0/1', mac, ip: `10.${loc.siteKey === 'main' ? 10 : 20}.${Math.floor(i / 250)}.${(i % 250) + 2}` }] : [];
    devices.push({
      siteKey: loc.siteKey, locationKey: loc.key,
      assetNumber: formatAssetNumber(prefix, i + 1),
      name: personal ? `${dept}-${user}` : `${loc.building}${loc.floor}-${m.model.split(' ')[0]}`,
      type: m.type, manufacturer: m.maker, model: m.model,
      serial: `${m.maker.slice(0, 2).toUpperCase()}${Math.floor(r() * 1e8).toString(36).toUpperCase().padStart(6, '0')}${i}`,
      purchaseDate, supplier: pick(r, SUPPLIERS), purchaseCost: m.price, warrantyEnd,
      assignedUser: user, department: dept,
      status: r() < 0.05 ? 'inRepair' : r() < 0.05 ? 'inStock' : 'inUse',
      importance: imp ? [imp] : [],
      hardware, software, notes: '', custom: {}
    });
  }
  return { tenant: { name: '深圳市示例人民医院', assetPrefix: prefix, serviceDeskPhone: '0755-8888 6666' }, sites, locations, devices };
}
