import { describe, expect, it } from 'vitest';
import { faqForDevice, specialDeviceIds } from './faqMatch';
import type { ArticleLink } from './types';

const a = (title: string, ...links: ArticleLink[]) => ({ title, links });
const printer = { id: 'd1', model: 'LaserJet Pro M404dn', type: 'printer', software: [] };
const pc = { id: 'd2', model: 'OptiPlex 7090', type: 'desktop', software: ['WPS Office 2019', 'HIS 客户端 5.2', 'Microsoft Office 专业增强版'] };
const articles = [
  a('打印机通用排障', { type: 'deviceType', key: 'printer' }),
  a('M404dn 卡纸', { type: 'model', key: ' laserjet pro  m404dn ' }),
  a('WPS 文档无法保存', { type: 'software', key: 'WPS Office' }),
  a('HIS 登录失败', { type: 'software', key: 'HIS 客户端' }),
  a('Office 激活', { type: 'software', key: 'Micro' }),
  a('财务室打印机', { type: 'device', key: 'd1' }),
  a('监护仪', { type: 'special', key: 'd9' })
];

describe('FAQ for a device', () => {
  it('finds articles by device, model and type, most specific first', () => {
    expect(faqForDevice(articles, printer).map((f) => [f.article.title, f.reasons])).toEqual([
      ['财务室打印机', ['device']],
      ['M404dn 卡纸', ['model']],
      ['打印机通用排障', ['deviceType']]
    ]);
  });
  it('finds articles by installed software, a name followed by a version, not a mere prefix of a word', () => {
    expect(faqForDevice(articles, pc).map((f) => f.article.title)).toEqual(['HIS 登录失败', 'WPS 文档无法保存']);
  });
  it('lists the special-device register from special links', () => {
    expect([...specialDeviceIds(articles)]).toEqual(['d9']);
  });
});

describe('a FAQ from an incident', () => {
  it('carries symptom, model and resolution, linked to the model', async () => {
    const { faqFromIncident } = await import('./faqDraft');
    const d = faqFromIncident({ id: 'i1', title: '打印机卡纸', description: '进纸时卡住', resolution: '更换搓纸轮', model: 'LaserJet Pro M404dn', deviceType: 'printer', category: 'printer' }, { symptom: '故障现象', device: '设备', fix: '解决方法' });
    expect(d.body).toBe('## 故障现象\n\n进纸时卡住\n\n## 设备\n\nLaserJet Pro M404dn\n\n## 解决方法\n\n更换搓纸轮\n');
    expect(d.links).toEqual([{ type: 'model', key: 'LaserJet Pro M404dn' }]);
    expect(d).toMatchObject({ kind: 'faq', title: '打印机卡纸', sourceIncidentId: 'i1', tags: ['printer'] });
  });
});
