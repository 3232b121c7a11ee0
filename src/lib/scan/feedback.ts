// Sound and vibration for accepted and rejected scans: a short high beep, or two low ones.
let ctx: AudioContext | null = null;

function tone(at: number, freq: number, ms: number): void {
  if (!ctx) return;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'square';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.08, at);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + ms / 1000);
}

export type Feedback = 'accept' | 'reject' | 'duplicate';

/** Plays the feedback; silently does nothing where audio or vibration is unavailable. */
export function feedback(kind: Feedback): void {
  try {
    ctx ??= typeof AudioContext === 'function' ? new AudioContext() : null;
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const t = ctx?.currentTime ?? 0;
    if (kind === 'accept') tone(t, 1800, 90);
    else if (kind === 'duplicate') { tone(t, 900, 80); tone(t + 0.12, 900, 80); }
    else { tone(t, 300, 160); tone(t + 0.22, 300, 160); }
  } catch {
    // no audio output
  }
  // Vibration needs a user activation first (Chromium logs an error otherwise).
  const active = typeof navigator !== 'undefined' && (navigator.userActivation?.hasBeenActive ?? true);
  if (active && typeof navigator.vibrate === 'function') {
    navigator.vibrate(kind === 'accept' ? 40 : [80, 60, 80]);
  }
}
