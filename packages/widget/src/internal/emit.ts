import type { AtriumEventMap } from '../events/events.js';

/** Dispatches one of the widget's public events: bubbling and composed, so a page hears it on the widget. */
export function emit<K extends keyof AtriumEventMap>(
  target: EventTarget,
  type: K,
  detail: AtriumEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
