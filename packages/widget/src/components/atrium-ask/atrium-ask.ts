import { AtriumAsk } from './atrium-ask.component.js';

export { AtriumAsk };

if (!customElements.get('atrium-ask')) customElements.define('atrium-ask', AtriumAsk);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-ask': AtriumAsk;
  }
}
