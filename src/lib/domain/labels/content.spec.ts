import { describe, expect, it } from 'vitest';
import { labelDataForRoom, roomUrl } from './content';
import { classifyScan } from '../scan/classify';

describe('room labels', () => {
  const room = { id: 'b7e1c2d4-0000-4000-8000-000000000001', building: '门诊楼', floor: '3F', room: '301' };
  it('carry the room link and print the room name first', () => {
    const d = labelDataForRoom(room, { origin: 'https://assets.example.cn/', site: { name: '总院' } });
    expect(d.url).toBe(`https://assets.example.cn/audit/room/${room.id}`);
    expect(d.assetNumber).toBe('门诊楼 / 3F / 301');
    expect(d.text.siteRoom).toBe('总院');
  });
  it('are read back by the scanner as that room', () => {
    const url = roomUrl('https://assets.example.cn', room.id);
    expect(classifyScan(url, { bases: ['https://assets.example.cn'] })).toMatchObject({ kind: 'room', locationId: room.id });
  });
});
