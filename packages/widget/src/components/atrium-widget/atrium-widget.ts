// Defining the widget defines its first tab, <atrium-search>; the widget loads <atrium-booking>,
// <atrium-chat> and <atrium-ask> itself when a patron first opens their tabs.
import '../atrium-search/atrium-search.js';
import { AtriumWidget } from './atrium-widget.component.js';

export { AtriumWidget };

if (!customElements.get('atrium-widget')) customElements.define('atrium-widget', AtriumWidget);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-widget': AtriumWidget;
  }
}
