/** The element that really has focus inside `root`, looking through nested shadow roots. */
export function deepActiveElement(root: DocumentOrShadowRoot | null): HTMLElement | null {
  let active = root?.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
