// Online/offline as the browser reports it, reactive through .online.
import { createSubscriber } from 'svelte/reactivity';

class Connectivity {
  #subscribe = createSubscriber((update) => {
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  });

  get online(): boolean {
    this.#subscribe();
    return navigator.onLine;
  }
}

export const connectivity = new Connectivity();
