// The sample client's service desk: FAQ articles in Chinese and three months of incidents on its
// devices, some recurring (problem candidates), most closed with the user's rating. Deterministic.
import { rng, type SampleClient } from '../sample';
import { priorityOf } from '../service/priority';
import type { ArticleKind, ArticleLink, IncidentStatus, Level, Satisfaction } from '../service/types';

export interface SampleArticle { kind: ArticleKind; title: string; body: string; links: (ArticleLink | { type: 'special'; asset: string })[]; tags: string[] }
export interface SampleIncident {
  asset: string | null; siteKey: string; title: string; description: string; reporter: string; category: string;
  impact: Level; urgency: Level; openedAt: string; assignee: string; resolution: string; satisfaction?: Satisfaction;
  /** Status steps after opening, with minutes after the opening. */
  steps: [IncidentStatus, number][];
}

const FAQ: SampleArticle[] = [
  { kind: 'faq', title: 'HP M404dn 打印机经常卡纸怎么办', tags: ['打印机', '卡纸'], links: [{ type: 'model', key: 'LaserJet Pro M404dn' }],
    body: '## 故障现象\n\n打印时频繁卡纸，面板提示“卡纸 13.A1”。\n\n## 处理步骤\n\n1. 关闭电源，打开前盖取出硒鼓。\n2. 清理搓纸轮上的纸屑，用无尘布蘸少量清水擦拭。\n3. 检查纸张是否受潮，更换为 70–80 g 复印纸。\n4. 若仍频繁卡纸，更换搓纸轮组件（RM2-5452）。' },
  { kind: 'faq', title: 'Brother 打印机提示“更换硒鼓”', tags: ['打印机', '硒鼓'], links: [{ type: 'model', key: 'HL-L5100DN' }],
    body: '更换硒鼓后仍提示时，需要复位硒鼓计数器：\n\n1. 打开前盖；\n2. 按住 **OK** 键约 2 秒；\n3. 选择“复位”，关上前盖。' },
  { kind: 'known-error', title: 'HIS 客户端登录提示“数据库连接失败”', tags: ['HIS', '数据库'], links: [{ type: 'software', key: 'HIS 客户端' }],
    body: '## 原因\n\n客户端配置文件中的数据库地址仍指向旧服务器。\n\n## 解决\n\n修改 `C:\\HIS\\config.ini` 中的 `Server=` 为 `10.10.0.21`，重启客户端。' },
  { kind: 'faq', title: '电脑无法连接内网，右下角显示“无 Internet”', tags: ['网络'], links: [{ type: 'deviceType', key: 'desktop' }, { type: 'deviceType', key: 'laptop' }],
    body: '1. 检查网线与墙面端口，交换机端口指示灯是否亮；\n2. 以管理员身份运行 `ipconfig /release` 与 `ipconfig /renew`；\n3. 仍无法获取地址时，报信息科核对该端口所在 VLAN。' },
  { kind: 'procedure', title: 'Windows 10 电脑重装系统（Ghost 镜像）', tags: ['系统', '镜像'], links: [{ type: 'model', key: 'ThinkCentre M720t' }],
    body: '**重装前先备份用户数据**（桌面、我的文档、微信/钉钉聊天记录）。\n\n1. 插入 U 盘启动盘，开机按 F12 选择 U 盘启动；\n2. 选择镜像库中对应型号的镜像；\n3. 恢复完成后加入域并安装杀毒软件。' },
  { kind: 'faq', title: '监护仪屏幕无显示', tags: ['医疗设备', '监护仪'], links: [{ type: 'model', key: 'BeneVision N12 监护仪' }, { type: 'special', asset: '' }],
    body: '1. 检查电源适配器与电池指示灯；\n2. 长按电源键 10 秒强制重启；\n3. 仍无显示时**不要自行拆机**，联系迈瑞工程师（400-700-5652），并通知设备科。' },
  { kind: 'manual', title: 'WPS 文档无法保存到共享盘', tags: ['WPS', '共享盘'], links: [{ type: 'software', key: 'WPS Office' }],
    body: '共享盘映射断开时 WPS 会提示“文件被占用”。重新映射 `\\\\fs01\\share`，或先另存到本地再复制。' },
  { kind: 'faq', title: '核心交换机端口频繁 up/down', tags: ['网络', '交换机'], links: [{ type: 'model', key: 'S5735-L24T4S' }, { type: 'special', asset: '' }],
    body: '登录交换机执行 `display interface brief` 与 `display logbuffer`，检查光模块收光功率；更换跳线后观察 24 小时。' }
];

const PROBLEMS: { model: string; category: string; title: string; description: string; resolution: string }[] = [
  { model: 'LaserJet Pro M404dn', category: 'printer', title: '打印机卡纸', description: '打印到第二页就卡纸，面板提示 13.A1。', resolution: '清理搓纸轮，更换受潮纸张。' },
  { model: 'OptiPlex 7090', category: 'hardware', title: '电脑开机蓝屏', description: '开机进入系统后蓝屏，代码 MEMORY_MANAGEMENT。', resolution: '重新插拔内存条，运行内存诊断无错误。' },
  { model: 'ThinkPad T14 Gen 3', category: 'network', title: '无线网络频繁掉线', description: '笔记本连接 Wi-Fi 后几分钟就断开。', resolution: '更新无线网卡驱动，关闭网卡节能。' },
  { model: 'SIP-T54W', category: 'network', title: '话机无法注册', description: '话机屏幕显示“未注册”，无法拨打内线。', resolution: '重新下发话机配置，注册恢复。' },
  { model: 'BeneVision N12 监护仪', category: 'medical', title: '监护仪黑屏', description: 'ICU 床旁监护仪屏幕无显示。', resolution: '强制重启后恢复，已通知厂家巡检。' },
  { model: '', category: 'account', title: 'HIS 账号被锁定', description: '护士站账号连续输错密码被锁定。', resolution: '核实身份后解锁账号并重置密码。' }
];
const PEOPLE = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏'];
const TECHS = ['李强', '周涛', '吴杰'];
const COMMENTS = ['响应很快，谢谢！', '处理及时。', '第二次来才修好。', '工程师很耐心。', ''];

export function sampleService(c: SampleClient, nowMs: number, seed = 11): { articles: SampleArticle[]; incidents: SampleIncident[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const byModel = (m: string) => c.devices.filter((d) => d.model === m);
  // The special-device register: the monitors and core switches, each with its FAQ.
  const monitor = byModel('BeneVision N12 监护仪')[0]?.assetNumber ?? '';
  const sw = byModel('S5735-L24T4S')[0]?.assetNumber ?? '';
  const articles = FAQ.map((a) => ({ ...a, links: a.links.map((l) => (l.type === 'special' && 'asset' in l ? { type: 'special' as const, asset: a.tags.includes('医疗设备') ? monitor : sw } : l)) }));
  const incidents: SampleIncident[] = [];
  const repeat = byModel('LaserJet Pro M404dn')[0];
  for (let i = 0; i < 36; i++) {
    const p = i < 4 ? PROBLEMS[0]! : pick(PROBLEMS);
    const list = p.model ? byModel(p.model) : [];
    const dev = i < 4 ? repeat : list.length ? pick(list) : undefined;
    const daysAgo = i < 4 ? 10 + i * 15 : 1 + Math.floor(r() * 85);
    // Opened during working hours in Shanghai (UTC+8): 01:00–08:00 UTC.
    const opened = Math.floor((nowMs - daysAgo * 86_400_000) / 86_400_000) * 86_400_000 + (1 + Math.floor(r() * 7)) * 3_600_000;
    const impact = (1 + Math.floor(r() * 3)) as Level;
    const urgency = (1 + Math.floor(r() * 3)) as Level;
    const closed = daysAgo > 3;
    const steps: [IncidentStatus, number][] = [['assigned', 5 + Math.floor(r() * 60)], ['in-progress', 70 + Math.floor(r() * 60)]];
    if (r() < 0.2) steps.push(['pending', 150], ['in-progress', 600]);
    if (closed) steps.push(['resolved', 700 + Math.floor(r() * 600)], ['closed', 1500]);
    const score = 3 + Math.floor(r() * 3) - (priorityOf(impact, urgency) === 'P1' && r() < 0.3 ? 2 : 0);
    incidents.push({
      asset: dev?.assetNumber ?? null, siteKey: dev?.siteKey ?? 'main', title: p.title, description: p.description,
      reporter: pick(PEOPLE), category: p.category, impact, urgency, openedAt: new Date(opened).toISOString(),
      assignee: pick(TECHS), resolution: closed ? p.resolution : '', steps,
      ...(closed && r() < 0.8 ? { satisfaction: { score, comment: pick(COMMENTS) } } : {})
    });
  }
  return { articles, incidents: incidents.sort((a, b) => a.openedAt.localeCompare(b.openedAt)) };
}
