import { AtriumChat } from './atrium-chat.component.js';

export { AtriumChat };

if (!customElements.get('atrium-chat')) customElements.define('atrium-chat', AtriumChat);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-chat': AtriumChat;
  }
}
