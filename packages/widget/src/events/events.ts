import type { AtriumBookingCreatedEvent } from './atrium-booking-created.js';
import type { AtriumCloseEvent } from './atrium-close.js';
import type { AtriumHoldCreatedEvent } from './atrium-hold-created.js';
import type { AtriumOpenEvent } from './atrium-open.js';
import type { AtriumRecordOpenEvent } from './atrium-record-open.js';
import type { AtriumSearchEvent } from './atrium-search.js';

export type { AtriumBookingCreatedEvent, AtriumCloseEvent, AtriumHoldCreatedEvent, AtriumOpenEvent, AtriumRecordOpenEvent, AtriumSearchEvent };

export interface AtriumEventMap {
  'atrium-open': AtriumOpenEvent;
  'atrium-close': AtriumCloseEvent;
  'atrium-search': AtriumSearchEvent;
  'atrium-record-open': AtriumRecordOpenEvent;
  'atrium-booking-created': AtriumBookingCreatedEvent;
  'atrium-hold-created': AtriumHoldCreatedEvent;
}

declare global {
  interface GlobalEventHandlersEventMap extends AtriumEventMap {}
}
