/**
 * A camera sees the same label many times a second while it is in view. The filter lets the first
 * sighting through and holds back the same text until it has been out of sight for `holdMs`;
 * showing the label again after that is a new scan (which a room audit then flags as a duplicate).
 */
export class RepeatFilter {
  #last = '';
  #seenAt = -Infinity;

  constructor(private readonly holdMs = 1500) {}

  accept(text: string, now: number): boolean {
    const repeat = text === this.#last && now - this.#seenAt < this.holdMs;
    this.#last = text;
    this.#seenAt = now;
    return !repeat;
  }

  reset(): void {
    this.#last = '';
    this.#seenAt = -Infinity;
  }
}
