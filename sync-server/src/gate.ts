/**
 * A counting semaphore with a bounded wait queue, for expensive work that must not run
 * unbounded in parallel (scrypt, passwords.ts).
 *
 * Invariants:
 * - at most `concurrency` tasks run at once and at most `queue` wait;
 * - a task that finds both full is refused with BusyError and never started;
 * - waiters start in arrival order: a finishing task hands its slot straight to the oldest
 *   waiter, so a newcomer never overtakes the queue;
 * - a task that finishes or fails always gives its slot back.
 */

export interface GateLimits {
  concurrency: number;
  queue: number;
}

/** Refused for load, not for anything the caller did: 503 with Retry-After (app.ts). */
export class BusyError extends Error {
  readonly statusCode = 503;
  constructor(
    message: string,
    readonly retryAfterS: number
  ) {
    super(message);
    this.name = 'BusyError';
  }
}

export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private limits: GateLimits,
    private readonly busyMessage = 'the server is busy; try again in a moment'
  ) {
    Gate.check(limits);
  }

  private static check({ concurrency, queue }: GateLimits): void {
    if (!Number.isInteger(concurrency) || concurrency < 1 || !Number.isInteger(queue) || queue < 0) throw new Error(`bad gate limits ${concurrency}/${queue}`);
  }

  /** New limits; waiters start at once if the new concurrency has room for them. */
  configure(limits: GateLimits): void {
    Gate.check(limits);
    this.limits = { ...limits };
    while (this.running < this.limits.concurrency && this.waiting.length > 0) {
      this.running++;
      this.waiting.shift()!();
    }
  }

  get state(): { running: number; waiting: number } & GateLimits {
    return { running: this.running, waiting: this.waiting.length, ...this.limits };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) this.running++;
    else if (this.waiting.length < this.limits.queue) await new Promise<void>((start) => this.waiting.push(start));
    else throw new BusyError(this.busyMessage, 1);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    // Hand the slot over (running stays) unless the limit was lowered meanwhile.
    if (this.running <= this.limits.concurrency && this.waiting.length > 0) this.waiting.shift()!();
    else this.running--;
  }
}
