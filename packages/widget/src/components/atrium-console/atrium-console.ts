// The console renders a chat with <atrium-console-chat>, so defining the console defines it too.
import '../atrium-console-chat/atrium-console-chat.js';
import { AtriumConsole } from './atrium-console.component.js';

export { AtriumConsole };

if (!customElements.get('atrium-console')) customElements.define('atrium-console', AtriumConsole);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-console': AtriumConsole;
  }
}
