import { AtriumConsoleBookings } from './atrium-console-bookings.component.js';

export { AtriumConsoleBookings };

if (!customElements.get('atrium-console-bookings')) customElements.define('atrium-console-bookings', AtriumConsoleBookings);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-console-bookings': AtriumConsoleBookings;
  }
}
