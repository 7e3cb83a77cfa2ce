import { deepActiveElement as deepActiveIn } from '../internal/deep-active-element.js';

/** Polls until `check` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The element that has focus on the page, looking through shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  return deepActiveIn(document);
}
