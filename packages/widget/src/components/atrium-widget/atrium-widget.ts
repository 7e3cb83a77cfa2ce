// The widget renders <atrium-search>, so defining the widget defines it too.
import '../atrium-booking/atrium-booking.js';
import '../atrium-search/atrium-search.js';
import { AtriumWidget } from './atrium-widget.component.js';

export { AtriumWidget };

if (!customElements.get('atrium-widget')) customElements.define('atrium-widget', AtriumWidget);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-widget': AtriumWidget;
  }
}
