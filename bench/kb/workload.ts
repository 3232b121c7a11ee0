// A knowledge base the size of a large hospital IT team's: Chinese FAQ with English terms mixed
// in (model names, commands), and some English articles. Deterministic from a seed.
import type { IndexDoc } from '../../src/lib/domain/service/kbSearch';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEVICES = ['打印机', '扫描仪', '台式电脑', '笔记本电脑', '交换机', '无线AP', '监护仪', '话机', '服务器', '显示器', '条码打印机', '读卡器', '自助挂号机'];
const SYMPTOMS = ['经常卡纸', '无法开机', '蓝屏重启', '无法连接内网', '打印模糊', '频繁掉线', '屏幕无显示', '登录提示密码错误', '运行缓慢', '无法识别U盘', '风扇噪音大', '提示数据库连接失败', '无法注册', '端口频繁 up/down'];
const ACTIONS = ['清理搓纸轮', '更换硒鼓', '重新安装驱动程序', '检查网线和交换机端口', '执行 ipconfig /renew', '更新固件', '重置BIOS设置', '更换电源适配器', '重新下发配置', '联系厂家工程师', '恢复系统镜像', '检查光模块收光功率', '清理散热器灰尘并更换硅脂'];
const SOFTWARE = ['HIS 客户端', 'PACS 影像系统', 'LIS 检验系统', 'WPS Office', '钉钉', '企业微信', '用友U8', 'Windows 10', 'Windows 11'];
const MODELS = ['LaserJet Pro M404dn', 'HL-L5100DN', 'OptiPlex 7090', 'ThinkCentre M720t', 'ThinkPad T14', 'S5735-L24T4S', 'BeneVision N12', 'SIP-T54W', 'PowerEdge R740'];
const EN_TITLES = ['Printer jams on the second page', 'Laptop cannot join the wireless network', 'Replacing the toner cartridge', 'Switch port flapping', 'Blue screen after Windows update', 'Scanner driver installation', 'Monitor shows no signal', 'Resetting a locked domain account'];
const EN_BODY = ['Open the front cover and remove the cartridge.', 'Update the wireless driver and disable power saving.', 'Check the cable and the switch port LEDs.', 'Run the memory diagnostics and reseat the modules.', 'Reinstall the driver from the driver library.', 'Escalate to the vendor when the fault repeats.'];

export function articles(n: number, seed: number): IndexDoc[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: IndexDoc[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 8 === 7) {
      const body = Array.from({ length: 4 + Math.floor(r() * 6) }, () => pick(EN_BODY)).join(' ');
      out.push({ id: `a${i}`, title: `${pick(EN_TITLES)} (${pick(MODELS)})`, body, tags: ['howto'] });
      continue;
    }
    const dev = pick(DEVICES);
    const sym = pick(SYMPTOMS);
    const steps = Array.from({ length: 3 + Math.floor(r() * 5) }, (_, k) => `${k + 1}. ${pick(ACTIONS)}；如仍${sym}，${pick(ACTIONS)}。`);
    const body = `## 故障现象\n\n${pick(SOFTWARE)} 所在的${dev}（${pick(MODELS)}）${sym}，科室反映影响${pick(['门诊', '住院部', '药房', '财务'])}工作。\n\n## 处理步骤\n\n${steps.join('\n')}\n\n## 备注\n\n第 ${i} 号记录，适用于${pick(['总院', '东院'])}。`;
    out.push({ id: `a${i}`, title: `${dev}${sym}怎么办`, body, tags: [dev, pick(SOFTWARE)] });
  }
  return out;
}

/** Queries a technician types; several are phrasings a substring scan cannot match. */
export const QUERIES = {
  chinese: ['打印机卡纸', '打印机经常卡纸', '电脑蓝屏', '内网连接', '监护仪无显示', '交换机端口', '数据库连接失败', 'HIS 登录', '更换硒鼓', '笔记本掉线', '风扇噪音', '扫描仪驱动', 'U盘识别', '话机注册', '服务器运行缓慢', '硒', '清理散热器', '自助挂号机无法开机', '条码打印机打印模糊', '住院部打印机'],
  english: ['printer jams', 'toner cartridge', 'wireless driver', 'switch port', 'blue screen', 'locked account', 'memory diagnostics', 'no signal', 'vendor', 'cartridges', 'OptiPlex 7090', 'laserjet', 'ipconfig renew', 'escalate fault', 'reseat modules', 'power saving', 'front cover', 'driver library', 'PowerEdge', 'print']
} as const;
