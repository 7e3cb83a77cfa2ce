// Enter sends a chat message; Shift+Enter starts a new line. Enter while an input method is
// composing (Chinese pinyin or cangjie, Japanese, Korean) picks a candidate and must never send:
// browsers mark it `isComposing`, and some (Safari, older Chrome on Android) only give it
// keyCode 229.
export function isSendKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229;
}
