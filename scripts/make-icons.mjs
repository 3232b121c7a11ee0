// Draws the app icons (a label with a QR-like mark) as PNGs; run once, the PNGs are committed.
import { PNG } from 'pngjs';
import { writeFileSync } from 'node:fs';

function icon(size, maskable) {
  const png = new PNG({ width: size, height: size });
  const bg = [31, 78, 121], fg = [255, 255, 255];
  const pad = maskable ? size * 0.2 : size * 0.12; // maskable icons keep content in the safe zone
  const cells = 7, cell = (size - 2 * pad) / cells;
  const mark = ['1110111', '1010101', '1110111', '0001000', '1110101', '1010011', '1110110'];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const cx = Math.floor((x - pad) / cell), cy = Math.floor((y - pad) / cell);
    const on = cx >= 0 && cy >= 0 && cx < cells && cy < cells && mark[cy][cx] === '1';
    const r = size * 0.18, inCorner = !maskable && ((x < r || x > size - r) && (y < r || y > size - r)) &&
      Math.hypot(Math.min(x, size - x) - r, Math.min(y, size - y) - r) > r;
    const c = on ? fg : bg, i = (y * size + x) * 4;
    png.data[i] = c[0]; png.data[i + 1] = c[1]; png.data[i + 2] = c[2]; png.data[i + 3] = inCorner ? 0 : 255;
  }
  return PNG.sync.write(png);
}
writeFileSync('static/icons/icon-192.png', icon(192, false));
writeFileSync('static/icons/icon-512.png', icon(512, false));
writeFileSync('static/icons/icon-maskable-512.png', icon(512, true));
