// A value kept in localStorage, reactive through .current, synced across tabs by storage events.
import { createSubscriber } from 'svelte/reactivity';

export class Persisted<T> {
  #key: string;
  #fallback: T;
  #version = $state(0);
  #subscribe: () => void;

  constructor(key: string, fallback: T) {
    this.#key = key;
    this.#fallback = fallback;
    this.#subscribe = createSubscriber((update) => {
      const onStorage = (e: StorageEvent) => {
        if (e.key === this.#key) update();
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    });
  }

  get current(): T {
    this.#subscribe();
    void this.#version;
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(this.#key);
    if (raw === null) return this.#fallback;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return this.#fallback;
    }
  }

  set current(v: T) {
    localStorage.setItem(this.#key, JSON.stringify(v));
    this.#version++;
  }
}
