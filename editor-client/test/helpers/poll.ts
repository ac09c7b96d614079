/**
 * Poll until something is there: the tests' one waiting loop (the Node end-to-end test waits for
 * the server's answers, the real-VS-Code scenario for what the page shows).
 */
export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Appended to the timeout error (e.g. the server's stderr), read when it is thrown. */
  context?: () => string;
}

/** The first value `get` returns that is not `undefined`; throws after `timeoutMs`. */
export async function poll<T>(
  what: string,
  get: () => T | undefined | Promise<T | undefined>,
  { timeoutMs, intervalMs, context }: PollOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${context ? context() : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
