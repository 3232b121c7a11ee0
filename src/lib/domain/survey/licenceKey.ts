// Licence keys are never stored or shown whole: only a masked form that lets a technician tell
// two keys apart (the last four characters), e.g. XXXXX-…-AB12.
export function maskLicenceKey(key: string): string {
  const clean = key.trim().replace(/\s+/g, '');
  if (clean === '') return '';
  const tail = clean.replace(/[^A-Za-z0-9]/g, '').slice(-4).toUpperCase();
  if (tail.length < 4 || clean.length <= 8) return 'XXXXX-…';
  return `XXXXX-…-${tail}`;
}

/** True when the text is already a masked key (so it can be kept as it is). */
export function isMaskedKey(s: string): boolean {
  return /^XXXXX-…(-[A-Z0-9]{4})?$/.test(s);
}
