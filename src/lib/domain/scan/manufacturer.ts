/**
 * Manufacturer codes scanned during the survey (the device's own barcodes, not our labels):
 * GS1 with AI 01 (GTIN) and 21 (serial), MAC addresses, plain serials, the "S/N:"/"P/N:"/"MAC:"
 * prefixes vendors print inside the code, and Lenovo's `1S<machine type-model><serial>`.
 * The result only proposes field values; the technician confirms before anything is saved.
 */
import { isValidSerial, normalizeMac } from '../validate';
import { classifyScan, type ClassifyContext, type RejectReason } from './classify';
import { unwrap } from './text';

export type ProposalField = 'serial' | 'model' | 'mac';
export type ProposalSource = 'gs1Serial' | 'gs1Gtin' | 'gs1ProductId' | 'mac' | 'serial' | 'partNumber' | 'lenovo';

export interface FieldProposal {
  field: ProposalField;
  value: string;
  source: ProposalSource;
}

export type ManufacturerParse =
  | { ok: true; proposals: FieldProposal[] }
  /** ourLabel: the code is one of this app's asset labels, not a manufacturer code. */
  | { ok: false; reason: RejectReason | 'ourLabel' };

const PREFIXES: [RegExp, ProposalField][] = [
  [/^(?:S\/N|SN|SER(?:IAL)?(?:\s*NO\.?)?)\s*[:#]?\s*/i, 'serial'],
  [/^(?:P\/N|PN|MODEL|MTM)\s*[:#]?\s*/i, 'model'],
  [/^(?:MAC(?:\s*ID)?)\s*[:#]?\s*/i, 'mac']
];

/** Lenovo "1S" codes: type-model of 10 (or 7) characters followed by an 8-character serial. */
function lenovo(s: string): FieldProposal[] | null {
  const m = /^1S([A-Z0-9]{10}|[A-Z0-9]{7})([A-Z0-9]{8})$/.exec(s);
  if (!m) return null;
  return [
    { field: 'model', value: m[1]!, source: 'lenovo' },
    { field: 'serial', value: m[2]!, source: 'lenovo' }
  ];
}

function prefixed(s: string): FieldProposal[] | null {
  for (const [re, field] of PREFIXES) {
    const m = re.exec(s);
    if (!m || m[0].length === 0) continue;
    const value = s.slice(m[0].length).trim();
    // "SN" alone or a prefix-looking serial ("SNABC123" without a separator) stays a plain serial.
    if (value === '' || !/[:#\s/]/.test(m[0])) continue;
    if (field === 'mac') {
      const mac = normalizeMac(value);
      return mac ? [{ field, value: mac, source: 'mac' }] : null;
    }
    if (!isValidSerial(value)) return null;
    return [{ field, value, source: field === 'serial' ? 'serial' : 'partNumber' }];
  }
  return null;
}

/** `ctx.bases` lets one of our own label URLs be recognised (and refused) as such. */
export function parseManufacturerCode(raw: string, ctx: ClassifyContext): ManufacturerParse {
  const code = classifyScan(raw, ctx);
  switch (code.kind) {
    case 'gs1': {
      const p: FieldProposal[] = [];
      if (code.serial) p.push({ field: 'serial', value: code.serial, source: 'gs1Serial' });
      const productId = code.fields['240'];
      if (productId) p.push({ field: 'model', value: productId, source: 'gs1ProductId' });
      if (code.gtin) p.push({ field: 'model', value: code.gtin, source: 'gs1Gtin' });
      return p.length ? { ok: true, proposals: p } : { ok: false, reason: 'unrecognised' };
    }
    case 'mac':
      return { ok: true, proposals: [{ field: 'mac', value: code.mac, source: 'mac' }] };
    case 'asset':
      return code.scheme ? { ok: false, reason: 'ourLabel' } : { ok: true, proposals: [{ field: 'serial', value: code.assetNumber, source: 'serial' }] };
    case 'room':
      return { ok: false, reason: 'ourLabel' };
    case 'plain': {
      const v = code.value;
      const special = lenovo(v) ?? prefixed(v);
      return { ok: true, proposals: special ?? [{ field: 'serial', value: v, source: 'serial' }] };
    }
    case 'rejected': {
      // "S/N: ABC 123" and "MAC: aa:bb:…" are rejected as a whole (":" and "/"), but are fine prefixed.
      const special = prefixed(unwrap(raw).body);
      return special ? { ok: true, proposals: special } : { ok: false, reason: code.reason };
    }
  }
}
