import '../atrium-hold/atrium-hold.js';
import { AtriumSearch } from './atrium-search.component.js';

export { AtriumSearch };

if (!customElements.get('atrium-search')) customElements.define('atrium-search', AtriumSearch);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-search': AtriumSearch;
  }
}
