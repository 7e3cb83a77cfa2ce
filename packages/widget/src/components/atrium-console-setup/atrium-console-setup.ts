import { AtriumConsoleSetup } from './atrium-console-setup.component.js';

export { AtriumConsoleSetup };

if (!customElements.get('atrium-console-setup')) customElements.define('atrium-console-setup', AtriumConsoleSetup);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-console-setup': AtriumConsoleSetup;
  }
}
