// The widget renders its services (<atrium-search>, <atrium-booking>, <atrium-chat>, <atrium-ask>), so defining the widget defines them too.
import '../atrium-ask/atrium-ask.js';
import '../atrium-booking/atrium-booking.js';
import '../atrium-chat/atrium-chat.js';
import '../atrium-search/atrium-search.js';
import { AtriumWidget } from './atrium-widget.component.js';

export { AtriumWidget };

if (!customElements.get('atrium-widget')) customElements.define('atrium-widget', AtriumWidget);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-widget': AtriumWidget;
  }
}
