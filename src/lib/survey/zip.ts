// The drivers of a selection as one zip for a USB stick: each file under drivers/<name version>/,
// plus manifest.json and README.txt naming every driver with its SHA-256 or LAN path.
import { zipSync, strToU8 } from 'fflate';
import { driverManifest, driverReadme, zipPathOf, type DriverManifest, type DriverRecord } from '$lib/domain/survey/drivers';

/** `bytesOf`: a driver file's bytes, or null when this tablet has not got them and cannot fetch them. */
export async function driversZip(bytesOf: (sha256: string) => Promise<Blob | null>, drivers: readonly DriverRecord[], device: DriverManifest['device'], onProgress?: (done: number, total: number) => void): Promise<{ bytes: Uint8Array; missing: string[] }> {
  const files: Record<string, Uint8Array> = {};
  const missing: string[] = [];
  let done = 0;
  for (const d of drivers) {
    const blob = d.sha256 ? await bytesOf(d.sha256) : null;
    if (blob) files[zipPathOf(d)] = new Uint8Array(await blob.arrayBuffer());
    else if (d.sha256) missing.push(d.name);
    onProgress?.(++done, drivers.length);
  }
  const manifest = driverManifest(drivers, (d) => zipPathOf(d) in files, new Date().toISOString(), device);
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  files['README.txt'] = strToU8('\uFEFF' + driverReadme(manifest));
  // Driver packages are already compressed (exe, cab, zip): store them, deflate only the text.
  const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: k.endsWith('.json') || k.endsWith('.txt') ? 6 : 0 }]])));
  return { bytes, missing };
}
