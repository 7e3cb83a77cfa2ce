import { AtriumHold } from './atrium-hold.component.js';

export { AtriumHold };

if (!customElements.get('atrium-hold')) customElements.define('atrium-hold', AtriumHold);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-hold': AtriumHold;
  }
}
