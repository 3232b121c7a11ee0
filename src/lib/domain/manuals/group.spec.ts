import { describe, expect, it } from 'vitest';
import { emptySoftware } from '../device';
import { manualGroups, type ManualArticle } from './group';

const dev = (os: string, apps: string[]) => ({ software: { ...emptySoftware(), os, installed: apps.map((name) => ({ name, version: '1' })) } });
const art = (id: string, title: string, keys: string[], kind = 'manual'): ManualArticle => ({ id, title, kind, links: keys.map((key) => ({ type: 'software', key })) });

describe('manuals grouped by OS and software', () => {
  const devices = [dev('Windows 10 专业版', ['WPS Office', '用友U8']), dev('Windows 10 专业版', ['WPS Office']), dev('CentOS', ['HIS 服务端'])];
  const articles = [
    art('a', 'Windows 10 装机步骤', ['windows 10 专业版 ']),
    art('b', 'U8 安装与年结', ['用友U8']),
    art('c', 'PACS 工作站维护', ['PACS Viewer']),
    art('d', '通用维护须知', []),
    art('e', '打印机卡纸', ['WPS Office'], 'faq')
  ];
  const g = manualGroups(devices, articles, 1);

  it('gives every OS of the register a group, most devices first, with its manuals', () => {
    expect(g.os.map((x) => [x.name, x.devices, x.manuals.map((m) => m.id)])).toEqual([['Windows 10 专业版', 2, ['a']], ['CentOS', 1, []]]);
  });

  it('lists software with a manual or among the most installed; only manuals, not other kinds', () => {
    expect(g.software.map((x) => [x.name, x.devices, x.manuals.map((m) => m.id)])).toEqual([['WPS Office', 2, []], ['用友U8', 1, ['b']], ['PACS Viewer', 0, ['c']]]);
    expect(g.unlinked.map((m) => m.id)).toEqual(['d']);
  });
});
