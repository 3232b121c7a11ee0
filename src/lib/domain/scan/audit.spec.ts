import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditStatus, computeFindings, summarize, type AuditScan, type ExpectedDevice } from './audit';
import { chooseDecoder } from './decoderChoice';

const ROOM = 'room-301';
const exp = (id: string): ExpectedDevice => ({ deviceId: id, assetNumber: 'A-' + id, name: 'PC ' + id });
let seq = 0;
const scanOf = (deviceId: string, locationId: string | null = ROOM, text = 'A-' + deviceId): AuditScan => ({
  id: 's' + ++seq, at: '2026-12-01T08:00:00Z', text,
  result: { type: 'device', deviceId, assetNumber: 'A-' + deviceId, name: 'PC ' + deviceId, locationId }
});
const unknownOf = (text: string, reason = 'unclaimed'): AuditScan => ({ id: 's' + ++seq, at: '2026-12-01T08:00:00Z', text, result: { type: 'unknown', reason } });

describe('computeFindings', () => {
  it('sorts expected, misplaced, unknown, missing and duplicate scans', () => {
    const expected = ['e1', 'e2', 'e3', 'e4'].map(exp);
    const scans = [
      scanOf('e1'), scanOf('e2'),
      scanOf('e1'), // duplicate
      scanOf('x1', 'room-999'), // registered elsewhere
      scanOf('x2', null), // registered nowhere
      unknownOf('ACME-000777-Q'), unknownOf('acme-000777-q '), // unknown + duplicate
      scanOf('x1', 'room-999'), // duplicate of misplaced
      scanOf('e3')
    ];
    const f = computeFindings(ROOM, expected, scans);
    expect(f.found.map((d) => d.deviceId)).toEqual(['e1', 'e2', 'e3']);
    expect(f.misplaced).toEqual([
      { ...exp('x1'), registeredAt: 'room-999', moved: false },
      { ...exp('x2'), registeredAt: null, moved: false }
    ]);
    expect(f.unknown).toEqual([{ text: 'ACME-000777-Q', reason: 'unclaimed' }]);
    expect(f.missing.map((d) => d.deviceId)).toEqual(['e4']);
    expect(f.duplicates).toBe(3);
    expect(f.scans).toBe(9);
    expect(Object.values(f.verdicts)).toEqual(['found', 'found', 'duplicate', 'misplaced', 'misplaced', 'unknown', 'duplicate', 'duplicate', 'found']);
  });

  it('marks a moved device and does not count it missing or expected', () => {
    const f = computeFindings(ROOM, [exp('e1')], [scanOf('x1', 'elsewhere'), scanOf('x1', ROOM)], [{ deviceId: 'x1', from: 'elsewhere', at: '' }]);
    expect(f.misplaced).toEqual([{ ...exp('x1'), registeredAt: 'elsewhere', moved: true }]);
    expect(f.duplicates).toBe(1);
    expect(f.missing.map((d) => d.deviceId)).toEqual(['e1']);
    expect(f.expected).toHaveLength(1);
  });

  it('counts a device registered here after the audit began as found, and as expected', () => {
    const f = computeFindings(ROOM, [exp('e1')], [scanOf('late', ROOM)]);
    expect(f.found.map((d) => d.deviceId)).toEqual(['late']);
    expect(f.expected.map((d) => d.deviceId)).toEqual(['e1', 'late']);
    expect(f.missing.map((d) => d.deviceId)).toEqual(['e1']);
  });

  it('an empty audit has everything missing', () => {
    const f = computeFindings(ROOM, [exp('a'), exp('b')], []);
    expect(f.missing).toHaveLength(2);
    expect(summarize(f)).toEqual({ expected: 2, found: [], misplaced: [], unknown: [], missing: ['a', 'b'], duplicates: 0, scans: 0 });
  });

  it('property: arithmetic holds for any scan sequence', () => {
    const ids = ['e1', 'e2', 'e3', 'x1', 'x2', 'x3'];
    const arbScan = fc.oneof(
      fc.constantFrom(...ids).map((id) => scanOf(id, id.startsWith('e') ? ROOM : 'other')),
      fc.constantFrom('U1', 'U2', 'u1').map((t) => unknownOf(t))
    );
    fc.assert(
      fc.property(fc.array(arbScan, { maxLength: 40 }), (scans) => {
        const expected = ['e1', 'e2', 'e3'].map(exp);
        const f = computeFindings(ROOM, expected, scans);
        expect(f.found.length + f.missing.length).toBe(f.expected.length);
        expect(f.found.length + f.misplaced.length + f.unknown.length + f.duplicates).toBe(f.scans);
        const distinct = new Set(scans.map((s) => (s.result.type === 'device' ? s.result.deviceId : s.text.toUpperCase())));
        expect(f.found.length + f.misplaced.length + f.unknown.length).toBe(distinct.size);
        expect(new Set(f.found.map((d) => d.deviceId)).size).toBe(f.found.length);
      })
    );
  });
});

describe('auditStatus', () => {
  it('never, ok, due soon, overdue', () => {
    expect(auditStatus(null, '2026-12-01')).toBe('never');
    expect(auditStatus('2026-06-01T10:00:00Z', '2026-12-01')).toBe('ok');
    expect(auditStatus('2025-12-20', '2026-12-01')).toBe('dueSoon');
    expect(auditStatus('2025-11-30', '2026-12-01')).toBe('overdue');
    expect(auditStatus('2026-10-01', '2026-12-01', 30, 7)).toBe('overdue');
  });
});

describe('chooseDecoder', () => {
  const all = ['qr_code', 'data_matrix', 'code_128', 'ean_13'];
  it('prefers a native detector that reads every needed format, then wasm, then html5-qrcode', () => {
    expect(chooseDecoder({ nativeFormats: all, webAssembly: true })).toBe('native');
    expect(chooseDecoder({ nativeFormats: ['qr_code'], webAssembly: true })).toBe('wasm');
    expect(chooseDecoder({ nativeFormats: null, webAssembly: true })).toBe('wasm');
    expect(chooseDecoder({ nativeFormats: null, webAssembly: false })).toBe('html5-qrcode');
  });
  it('honours an explicit preference where it is possible', () => {
    expect(chooseDecoder({ nativeFormats: all, webAssembly: true }, 'html5-qrcode')).toBe('html5-qrcode');
    expect(chooseDecoder({ nativeFormats: null, webAssembly: true }, 'native')).toBe('wasm');
    expect(chooseDecoder({ nativeFormats: null, webAssembly: false }, 'wasm')).toBe('html5-qrcode');
  });
});
