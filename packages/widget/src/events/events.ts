import type { AtriumCloseEvent } from './atrium-close.js';
import type { AtriumOpenEvent } from './atrium-open.js';
import type { AtriumRecordOpenEvent } from './atrium-record-open.js';
import type { AtriumSearchEvent } from './atrium-search.js';

export type { AtriumCloseEvent, AtriumOpenEvent, AtriumRecordOpenEvent, AtriumSearchEvent };

export interface AtriumEventMap {
  'atrium-open': AtriumOpenEvent;
  'atrium-close': AtriumCloseEvent;
  'atrium-search': AtriumSearchEvent;
  'atrium-record-open': AtriumRecordOpenEvent;
}

declare global {
  interface GlobalEventHandlersEventMap extends AtriumEventMap {}
}
