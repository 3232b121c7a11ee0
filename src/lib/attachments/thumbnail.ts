// A ~256 px JPEG of an image, made on the tablet so lists show photos without the originals.
import { THUMB_EDGE } from '$lib/domain/attachments/limits';

export type Thumbnailer = (image: Blob) => Promise<Blob | null>;

/** Null when the browser cannot decode the image (HEIC on most browsers, a broken file) or has no canvas. */
export const browserThumbnail: Thumbnailer = async (image) => {
  if (!image.type.startsWith('image/') || typeof createImageBitmap !== 'function') return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch {
    return null;
  }
  try {
    const scale = Math.min(1, THUMB_EDGE / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(w, h);
      const g = canvas.getContext('2d');
      if (!g) return null;
      g.fillStyle = '#fff'; // JPEG has no alpha: transparent PNG areas become white, not black
      g.fillRect(0, 0, w, h);
      g.drawImage(bitmap, 0, 0, w, h);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    }
    if (typeof document === 'undefined') return null;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    if (!g) return null;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, w, h);
    g.drawImage(bitmap, 0, 0, w, h);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  } catch {
    return null;
  } finally {
    bitmap.close();
  }
};
