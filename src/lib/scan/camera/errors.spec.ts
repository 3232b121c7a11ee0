import { describe, expect, it } from 'vitest';
import { cameraPrecheck, classifyCameraError } from './errors';

describe('camera errors', () => {
  it.each([
    ['Error getting userMedia, error = NotAllowedError: Permission denied', 'denied'],
    [Object.assign(new Error('x'), { name: 'NotAllowedError' }), 'denied'],
    ['Error getting userMedia, error = NotFoundError: Requested device not found', 'noCamera'],
    [{ name: 'OverconstrainedError' }, 'noCamera'],
    ['Error getting userMedia, error = NotReadableError: Could not start video source', 'busy'],
    ['Camera streaming not supported by the browser.', 'unsupported'],
    ['something odd', 'failed']
  ])('%s → %s', (e, want) => {
    expect(classifyCameraError(e)).toBe(want);
  });

  it('needs a secure context and getUserMedia', () => {
    expect(cameraPrecheck({ isSecureContext: false, hasGetUserMedia: false })).toBe('insecure');
    expect(cameraPrecheck({ isSecureContext: true, hasGetUserMedia: false })).toBe('unsupported');
    expect(cameraPrecheck({ isSecureContext: true, hasGetUserMedia: true })).toBeNull();
  });
});
