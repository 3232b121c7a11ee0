// Hands a generated PDF to the browser as a download (works offline: the bytes never leave the tablet).
export function downloadPdf(bytes: Uint8Array, filename: string): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name safe on every OS: letters, digits, CJK, dash and dot. */
export function safeFileName(...parts: string[]): string {
  return parts.join('-').replace(/[^\p{L}\p{N}.-]+/gu, '_').replace(/_+/g, '_').slice(0, 120) + '.pdf';
}
