// Enter as an input method sends it while composing (a Chinese reader picking a candidate):
// once marked `isComposing`, once only with keyCode 229, as Safari and some Android keyboards send it.
export function pressEnterWhileComposing(target: HTMLElement): void {
  for (const init of [{ isComposing: true }, { keyCode: 229 }]) {
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, composed: true, cancelable: true, ...init }),
    );
  }
}
