// Serials that vendors and BIOS defaults put where there is no real serial: treated as empty,
// or every white-box PC would look like a duplicate of every other.
const PLACEHOLDER_SERIALS = [
  /^to be filled( by o\.?e\.?m\.?)?$/i, /^default string$/i, /^system serial number$/i, /^chassis serial number$/i,
  /^base board serial number$/i, /^not (specified|applicable|available)$/i, /^none$/i, /^null$/i, /^n\/?a$/i,
  /^0+$/, /^1234567890$/, /^123456789$/, /^x+$/i, /^-+$/, /^\.+$/, /^unknown$/i, /^oem$/i, /^无$/, /^暂无$/
];

export function isPlaceholderSerial(s: string): boolean {
  const t = s.trim();
  return t === '' || PLACEHOLDER_SERIALS.some((re) => re.test(t));
}

/** The serial as stored: trimmed, '' for a placeholder. */
export function cleanSerial(s: string): string {
  return isPlaceholderSerial(s) ? '' : s.trim();
}
