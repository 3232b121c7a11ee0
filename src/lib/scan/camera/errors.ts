// Why the camera could not start, from whatever the browser or html5-qrcode threw.
export type CameraProblem = 'insecure' | 'unsupported' | 'denied' | 'noCamera' | 'busy' | 'failed';

/** html5-qrcode rejects with strings such as "Error getting userMedia, error = NotAllowedError: …". */
export function classifyCameraError(e: unknown): CameraProblem {
  const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const text = `${name} ${e instanceof Error ? e.message : String(e)}`;
  if (/NotAllowedError|PermissionDenied|Permission denied|SecurityError/i.test(text)) return 'denied';
  if (/NotFoundError|DevicesNotFound|OverconstrainedError|Requested device not found/i.test(text)) return 'noCamera';
  if (/NotReadableError|TrackStartError|AbortError|Could not start video source/i.test(text)) return 'busy';
  if (/streaming not supported|not supported by the browser|mediaDevices/i.test(text)) return 'unsupported';
  return 'failed';
}

/** Problems known before trying: getUserMedia needs a secure context (https or localhost). */
export function cameraPrecheck(env: { isSecureContext: boolean; hasGetUserMedia: boolean }): CameraProblem | null {
  if (!env.isSecureContext) return 'insecure';
  if (!env.hasGetUserMedia) return 'unsupported';
  return null;
}
