import { describe, expect, it } from 'vitest';
import { KbIndex, stem, terms, type IndexDoc } from './kbSearch';

const docs: IndexDoc[] = [
  { id: 'jam', title: '打印机经常卡纸怎么办', body: '取出硒鼓，清理搓纸轮上的纸屑，检查纸张是否受潮。', tags: ['打印机'] },
  { id: 'net', title: '电脑无法连接内网', body: '检查网线和交换机端口指示灯，执行 ipconfig /renew。', tags: ['网络'] },
  { id: 'his', title: 'HIS 客户端登录提示数据库连接失败', body: '确认 HIS 服务器地址，重启客户端。', tags: ['软件'] },
  { id: 'toner', title: 'Replacing the toner cartridge', body: 'Open the front cover; the printer jams when the cartridge is not seated.', tags: ['printer'] },
  { id: 'monitor', title: '监护仪屏幕无显示', body: '检查电源适配器，长按电源键 10 秒。', tags: ['医疗设备'] },
  { id: 'wifi', title: 'Wi-Fi keeps dropping on laptops', body: 'Update the wireless driver; disable power saving of the adapter.', tags: ['network'] }
];

/** What a plain word index does: split on spaces and punctuation, look the query up as one word. */
function plainWordIndex(list: IndexDoc[], q: string): string[] {
  const words = (d: IndexDoc) => new Set(`${d.title} ${d.body} ${d.tags.join(' ')}`.toLowerCase().split(/[\s，。、；：,.;:!?？！/]+/u));
  return list.filter((d) => words(d).has(q.toLowerCase())).map((d) => d.id);
}

describe('KB search (Chinese)', () => {
  const idx = new KbIndex(docs);

  it.each([
    ['打印机卡纸', 'jam'],
    ['卡纸', 'jam'],
    ['电脑内网', 'net'],
    ['数据库连接', 'his'],
    ['监护仪黑屏无显示', 'monitor']
  ])('finds "%s" where a plain word index finds nothing', (q, id) => {
    expect(plainWordIndex(docs, q)).toEqual([]);
    expect(idx.search(q)[0]?.id).toBe(id);
  });

  it('a single character finds the words that hold it', () => {
    expect(idx.search('纸').map((h) => h.id)).toContain('jam');
  });

  it('a query sharing only one bigram with an article does not return it', () => {
    expect(idx.search('打印机驱动安装教程').map((h) => h.id)).not.toContain('jam');
  });

  it('ranks a title match above a body match', () => {
    const two = new KbIndex([
      { id: 'body', title: '日常维护', body: '每月检查一次打印机卡纸情况。', tags: [] },
      { id: 'title', title: '打印机卡纸处理', body: '按步骤操作。', tags: [] }
    ]);
    expect(two.search('打印机卡纸').map((h) => h.id)).toEqual(['title', 'body']);
  });
});

describe('KB search (English)', () => {
  const idx = new KbIndex(docs);
  it('matches stems and is case-blind', () => {
    expect(idx.search('JAMMED printers')[0]?.id).toBe('toner');
    expect(idx.search('cartridges')[0]?.id).toBe('toner');
    expect(idx.search('dropping laptop')[0]?.id).toBe('wifi');
  });
  it('matches the last word as a prefix while typing', () => {
    expect(idx.search('wirel')[0]?.id).toBe('wifi');
  });
  it('full-width letters and digits are the same as ASCII', () => {
    expect(idx.search('ＨＩＳ')[0]?.id).toBe('his');
  });
  it('stems simply', () => {
    expect(['jams', 'jammed', 'jamming', 'printers', 'batteries', 'switches'].map(stem)).toEqual(['jam', 'jam', 'jam', 'printer', 'battery', 'switch']);
  });
});

describe('KB index maintenance', () => {
  it('replaces a re-added article and forgets a removed one', () => {
    const idx = new KbIndex(docs);
    idx.add({ id: 'jam', title: '扫描仪无法启动', body: '', tags: [] });
    expect(idx.search('卡纸')).toEqual([]);
    expect(idx.search('扫描仪')[0]?.id).toBe('jam');
    idx.remove('jam');
    expect(idx.search('扫描仪')).toEqual([]);
    expect(idx.size).toBe(docs.length - 1);
  });
  it('stays correct after compaction', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, title: `故障 ${i}`, body: i % 2 ? '打印机卡纸' : '网络中断', tags: [] }));
    const idx = new KbIndex(many);
    for (let i = 0; i < 40; i++) idx.remove(`d${i}`);
    const found = idx.search('打印机卡纸').map((h) => h.id).sort();
    expect(found).toEqual(Array.from({ length: 10 }, (_, k) => `d${41 + 2 * k}`).sort());
  });
  it('makes bigrams and segmenter words of Chinese', () => {
    expect(terms('卡纸了', false)).toEqual(['卡纸', '纸了']);
    expect(terms('打印机经常卡纸')).toEqual(expect.arrayContaining(['打印', '印机', '卡纸']));
  });
});
