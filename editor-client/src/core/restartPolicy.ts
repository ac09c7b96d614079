/**
 * How often a crashing server is restarted. Pure.
 *
 * The server is restarted after a crash unless it has already crashed
 * `maxRestarts` times within `windowMs`; then it stays down (one message).
 */

export interface RestartPolicyOptions {
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 3, windowMs: 3 * 60 * 1000 };

export class RestartPolicy {
  private crashes: number[] = [];
  private gaveUp = false;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** Called when the connection closed unexpectedly. */
  onCrash(now: number): "restart" | "give-up" {
    if (this.gaveUp) return "give-up";
    this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
    this.crashes.push(now);
    if (this.crashes.length > this.options.maxRestarts) {
      this.gaveUp = true;
      return "give-up";
    }
    return "restart";
  }

  /** Errors on the connection: keep going until we gave up. */
  onError(): "continue" | "shutdown" {
    return this.gaveUp ? "shutdown" : "continue";
  }

  get hasGivenUp(): boolean {
    return this.gaveUp;
  }

  get crashCount(): number {
    return this.crashes.length;
  }

  /** A user-requested restart starts with a clean slate. */
  reset(): void {
    this.crashes = [];
    this.gaveUp = false;
  }
}
