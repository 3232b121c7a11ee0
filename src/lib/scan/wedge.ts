/**
 * Keyboard-wedge capture for the whole page. Listens on window in the capture phase, feeds
 * WedgeDetector (src/lib/domain/scan/wedge.ts) and, when a burst turns out to be a scan:
 *  - swallows the Enter (no form is submitted, no button pressed),
 *  - when the burst began in a focused text field (wedgeRoute), leaves the text there: the
 *    technician put the cursor in the serial or MAC field to scan into it;
 *  - otherwise hands the text to `onScan` (the lookup), undoing any typing the burst did.
 * Elements inside `[data-wedge="off"]` are left alone entirely (their own Enter goes through).
 */
import { WedgeDetector, wedgeRoute, type FocusInfo, type WedgeOptions } from '$lib/domain/scan/wedge';

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Snapshot {
  el: Field;
  value: string;
  start: number | null;
  end: number | null;
}

function asField(t: EventTarget | null): Field | null {
  if (t instanceof HTMLTextAreaElement) return t;
  if (t instanceof HTMLInputElement) return t;
  return null;
}

function focusInfo(t: EventTarget | null): FocusInfo | null {
  if (!(t instanceof HTMLElement) || t === document.body) return null;
  return {
    tag: t.tagName.toLowerCase(),
    type: t instanceof HTMLInputElement ? t.type : undefined,
    readOnly: t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement ? t.readOnly : false,
    disabled: t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement ? t.disabled : false,
    contentEditable: t.isContentEditable
  };
}

function snapshot(t: EventTarget | null): Snapshot | null {
  const el = asField(t);
  if (!el) return null;
  let start: number | null = null;
  let end: number | null = null;
  try {
    start = el.selectionStart;
    end = el.selectionEnd;
  } catch {
    // type=number/email have no selection API.
  }
  return { el, value: el.value, start, end };
}

function restore(s: Snapshot): void {
  if (s.el.value === s.value) return;
  s.el.value = s.value;
  if (s.start !== null && s.end !== null) {
    try {
      s.el.setSelectionRange(s.start, s.end);
    } catch {
      // ignore: not every input type has a selection
    }
  }
  s.el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function attachWedge(win: Window, onScan: (text: string) => void, opts: Partial<WedgeOptions> = {}): () => void {
  const detector = new WedgeDetector(opts);
  let snap: Snapshot | null = null;
  let route: 'field' | 'lookup' = 'lookup';

  const onKeydown = (e: KeyboardEvent) => {
    const target = e.target;
    if (target instanceof Element && target.closest('[data-wedge="off"]')) {
      detector.reset();
      return;
    }
    const v = detector.push({ key: e.key, time: e.timeStamp, ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey, composing: e.isComposing });
    if (v.type === 'char') {
      if (v.startsBurst) {
        snap = snapshot(target);
        route = wedgeRoute(focusInfo(target));
      }
      // Ctrl+] is the gun's GS separator: keep the browser from treating it as a shortcut.
      if (e.ctrlKey) e.preventDefault();
      return;
    }
    if (v.type === 'scan') {
      e.preventDefault();
      e.stopImmediatePropagation();
      const into = route;
      const s = snap;
      snap = null;
      route = 'lookup';
      if (into === 'field') return; // the field already holds what the gun typed
      if (s) restore(s);
      onScan(v.text);
      return;
    }
    snap = null;
  };

  win.addEventListener('keydown', onKeydown, { capture: true });
  return () => win.removeEventListener('keydown', onKeydown, { capture: true });
}
