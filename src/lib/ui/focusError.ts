// After a refused save: bring the first marked field into view and put the cursor in it, so the
// technician sees what to fix instead of a banner far above the button they pressed.
import { tick } from 'svelte';

export async function focusFirstError(root: HTMLElement | undefined): Promise<void> {
  await tick(); // the error markers render first
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}
