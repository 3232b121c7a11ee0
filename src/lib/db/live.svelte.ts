// Dexie's liveQuery as a rune-friendly value: `.current` re-runs the query whenever the tables it
// read change, in this tab or another, and stays undefined until the first result.
import { liveQuery, type Subscription } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

export class Live<T> {
  #value = $state<T | undefined>(undefined);
  #error = $state<unknown>(undefined);
  #subscribe: () => void;

  constructor(query: () => Promise<T> | T) {
    this.#subscribe = createSubscriber(() => {
      const sub: Subscription = liveQuery(query).subscribe({
        next: (v) => {
          this.#value = v;
          this.#error = undefined;
        },
        error: (e: unknown) => (this.#error = e)
      });
      return () => sub.unsubscribe();
    });
  }

  get current(): T | undefined {
    this.#subscribe();
    return this.#value;
  }

  get error(): unknown {
    this.#subscribe();
    return this.#error;
  }
}
