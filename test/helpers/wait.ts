// Waiting in tests on a condition with a deadline, never a fixed sleep before asserting: the test goes on as soon as
// the thing happened, and fails saying what did not happen when the deadline passes.

/** Resolves with the probe's first truthy answer; throws "timed out waiting for WHAT" past `timeoutMs`. */
export async function waitUntil<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
