// The current time as a rune that moves every 30 s while something on screen reads it (SLA timers).
import { createSubscriber } from 'svelte/reactivity';

class Clock {
  #subscribe = createSubscriber((update) => {
    const id = setInterval(update, 30_000);
    return () => clearInterval(id);
  });

  get iso(): string {
    this.#subscribe();
    return new Date().toISOString();
  }
}

export const clock = new Clock();
