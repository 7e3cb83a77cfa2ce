import { AtriumConsoleChat } from './atrium-console-chat.component.js';

export { AtriumConsoleChat };

if (!customElements.get('atrium-console-chat')) customElements.define('atrium-console-chat', AtriumConsoleChat);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-console-chat': AtriumConsoleChat;
  }
}
