import { AtriumBooking } from './atrium-booking.component.js';

export { AtriumBooking };

if (!customElements.get('atrium-booking')) customElements.define('atrium-booking', AtriumBooking);

declare global {
  interface HTMLElementTagNameMap {
    'atrium-booking': AtriumBooking;
  }
}
