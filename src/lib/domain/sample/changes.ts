/**
 * The sample client's changes and equipment requests, so the change, request and report pages
 * have something to show: a month of finished changes (one backed out), changes waiting for the
 * board or scheduled, and requests at every approval stage (one rejected, one in this month's
 * purchase batch). Devices are named by asset number; dates are relative to `nowISO` (the
 * previous month holds the finished work, as a monthly report expects). Deterministic for a given
 * `nowISO` and sample client.
 */
import type { DeviceType } from '../device';
import type { SampleClient } from '../sample';
import type { Decision, Stage } from '../service/approvals';
import type { ChangeRisk, ChangeStatus } from '../service/change';
import type { RequestItem, RequestStatus } from '../service/request';

export interface SampleDecision { stage: Stage; decision: Decision; by: string; comment: string; at: string }
export interface SampleChange {
  title: string; reason: string; risk: ChangeRisk; assets: string[]; scheduledStart: string; scheduledEnd: string;
  implementationPlan: string; backoutPlan: string; status: ChangeStatus; outcome: string; decisions: SampleDecision[];
}
export interface SampleRequest {
  requester: string; department: string; item: RequestItem; reason: string; urgent: boolean;
  status: RequestStatus; batchMonth: string; decisions: SampleDecision[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Year and month (1–12) `delta` months from the month of `nowISO`. */
function monthOf(nowISO: string, delta: number): { y: number; m: number } {
  const d = new Date(nowISO);
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1 };
}
/** A local wall time 'YYYY-MM-DDTHH:mm' in a month relative to now. */
function wall(nowISO: string, delta: number, day: number, hm: string): string {
  const { y, m } = monthOf(nowISO, delta);
  return `${y}-${pad(m)}-${pad(day)}T${hm}`;
}
/** The same as an instant in China (UTC+8), for record times. */
const instant = (w: string) => new Date(`${w}:00+08:00`).toISOString();

export function sampleChanges(c: SampleClient, nowISO: string): { changes: SampleChange[]; requests: SampleRequest[] } {
  const of = (type: DeviceType, n: number) => c.devices.filter((d) => d.type === type && d.siteKey === 'main').slice(0, n).map((d) => d.assetNumber);
  const prev = (day: number, hm: string) => wall(nowISO, -1, day, hm);
  const cur = (day: number, hm: string) => wall(nowISO, 0, day, hm);
  const ago = (hours: number) => new Date(Date.parse(nowISO) - hours * 3_600_000).toISOString();
  const cab = (at: string, decision: Decision = 'approve', comment = '同意，按计划窗口执行'): SampleDecision[] => [{ stage: 'cab', decision, by: 'CAB 王主任', comment, at }];

  const changes: SampleChange[] = [
    {
      title: '核心交换机固件升级', reason: '厂商发布安全公告，现有固件存在远程漏洞', risk: 'medium', assets: of('switch', 2),
      scheduledStart: prev(10, '22:00'), scheduledEnd: prev(10, '23:30'), implementationPlan: '1. 备份配置\n2. 逐台上传固件并重启\n3. 核对 VLAN 与路由',
      backoutPlan: '回滚至备份固件并恢复配置', status: 'closed', outcome: '两台均升级完成，业务中断 3 分钟', decisions: cab(instant(prev(5, '15:00')))
    },
    {
      title: 'HIS 数据库服务器内存扩容', reason: '门诊高峰期内存占用超过 90%', risk: 'high', assets: of('server', 1),
      scheduledStart: prev(18, '21:00'), scheduledEnd: prev(18, '23:00'), implementationPlan: '停机，加装 2 × 32 GB 内存，开机自检后恢复服务',
      backoutPlan: '拆除新内存，按原配置开机', status: 'backed-out', outcome: '新内存与主板不兼容，开机自检失败，已回退，服务 22:40 恢复', decisions: cab(instant(prev(14, '16:00')))
    },
    {
      title: '门诊打印机驱动统一', reason: '多种驱动版本导致打印乱码', risk: 'low', assets: of('printer', 3),
      scheduledStart: cur(20, '12:00'), scheduledEnd: cur(20, '13:30'), implementationPlan: '午休时段推送统一驱动', backoutPlan: '',
      status: 'scheduled', outcome: '', decisions: cab(ago(50))
    },
    {
      title: '放射科工作站升级 Windows 11', reason: 'Windows 10 将停止支持', risk: 'high', assets: of('desktop', 4),
      scheduledStart: cur(26, '19:00'), scheduledEnd: cur(26, '23:00'), implementationPlan: '逐台镜像升级，验证 PACS 客户端', backoutPlan: '恢复升级前的系统镜像',
      status: 'submitted', outcome: '', decisions: []
    },
    {
      title: '手术室无线 AP 更换', reason: '信号覆盖不足', risk: 'medium', assets: of('accessPoint', 2),
      scheduledStart: '', scheduledEnd: '', implementationPlan: '', backoutPlan: '', status: 'draft', outcome: '', decisions: []
    }
  ];

  const chain = (at: (i: number) => string, upTo: number, last: Decision = 'approve', lastComment = ''): SampleDecision[] => {
    const who: [Stage, string, string][] = [['dept', '科室主任', '同意，工作需要'], ['it', '信息科 李工', '型号符合院内标准'], ['gm', '张院长', '批准采购']];
    return who.slice(0, upTo).map(([stage, by, comment], i) => ({ stage, by, comment: i === upTo - 1 && lastComment ? lastComment : comment, decision: i === upTo - 1 ? last : 'approve', at: at(i) }));
  };
  const { y, m } = monthOf(nowISO, 0);
  const requests: SampleRequest[] = [
    {
      requester: '陈护士长', department: '护理部', item: { type: 'laptop', model: 'ThinkPad T14 Gen 4', spec: 'i7, 16 GB, 512 GB SSD' }, reason: '移动查房使用', urgent: true,
      status: 'batched', batchMonth: `${y}-${pad(m)}`, decisions: chain((i) => instant(prev(21 + i, '10:00')), 3)
    },
    {
      requester: '周医生', department: '放射科', item: { type: 'desktop', model: 'Dell OptiPlex 7010', spec: 'i7, 32 GB，双显示器' }, reason: '新增阅片工位', urgent: false,
      status: 'approved-gm', batchMonth: '', decisions: chain((i) => ago(30 - 8 * i), 3)
    },
    {
      requester: '刘医生', department: '检验科', item: { type: 'printer', model: 'HP LaserJet M404dn', spec: '双面打印' }, reason: '原打印机报废', urgent: false,
      status: 'approved-it', batchMonth: '', decisions: chain((i) => ago(20 - 6 * i), 2)
    },
    {
      requester: '王会计', department: '财务科', item: { type: 'desktop', model: 'Lenovo ThinkCentre M90t', spec: 'i5, 16 GB' }, reason: '新入职', urgent: false,
      status: 'submitted', batchMonth: '', decisions: []
    },
    {
      requester: '信息科 赵工', department: '信息科', item: { type: 'switch', model: 'Huawei S5735-L24T4S', spec: '24 口千兆' }, reason: '新增楼层接入', urgent: false,
      status: 'rejected', batchMonth: '', decisions: chain((i) => instant(prev(26 + i, '10:00')), 2, 'reject', '库存中有同型号，可调拨')
    }
  ];
  return { changes, requests };
}
