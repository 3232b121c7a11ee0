// Service worker registration and the "reload to update" offer. The new worker waits until the
// user chooses to reload, so an update never interrupts a form being filled in.
import { registerSW } from 'virtual:pwa-register';

class Pwa {
  needRefresh = $state(false);
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.needRefresh = true),
      onOfflineReady: () => (this.offlineReady = true)
    });
  }

  /** Called only from the user's click: drafts are saved as they are typed (see drafts.ts). */
  async applyUpdate(): Promise<void> {
    await this.#update?.(true);
  }

  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
  }
}

export const pwa = new Pwa();
