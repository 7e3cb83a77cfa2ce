import type { AtriumAskOfferEvent } from './atrium-ask-offer.js';
import type { AtriumBookingCreatedEvent } from './atrium-booking-created.js';
import type { AtriumChatEndEvent } from './atrium-chat-end.js';
import type { AtriumChatMessageEvent } from './atrium-chat-message.js';
import type { AtriumChatStartEvent } from './atrium-chat-start.js';
import type { AtriumCloseEvent } from './atrium-close.js';
import type { AtriumHoldCreatedEvent } from './atrium-hold-created.js';
import type { AtriumOpenEvent } from './atrium-open.js';
import type { AtriumQuestionCreatedEvent } from './atrium-question-created.js';
import type { AtriumRecordOpenEvent } from './atrium-record-open.js';
import type { AtriumRecordRequestEvent } from './atrium-record-request.js';
import type { AtriumSearchEvent } from './atrium-search.js';

export type { AtriumAskOfferEvent, AtriumChatEndEvent, AtriumChatMessageEvent, AtriumChatStartEvent };
export type { AtriumQuestionCreatedEvent, AtriumRecordRequestEvent };
export type {
  AtriumBookingCreatedEvent,
  AtriumCloseEvent,
  AtriumHoldCreatedEvent,
  AtriumOpenEvent,
  AtriumRecordOpenEvent,
  AtriumSearchEvent,
};

export interface AtriumEventMap {
  'atrium-open': AtriumOpenEvent;
  'atrium-close': AtriumCloseEvent;
  'atrium-search': AtriumSearchEvent;
  'atrium-record-open': AtriumRecordOpenEvent;
  'atrium-booking-created': AtriumBookingCreatedEvent;
  'atrium-hold-created': AtriumHoldCreatedEvent;
  'atrium-chat-start': AtriumChatStartEvent;
  'atrium-chat-message': AtriumChatMessageEvent;
  'atrium-chat-end': AtriumChatEndEvent;
  'atrium-ask-offer': AtriumAskOfferEvent;
  'atrium-question-created': AtriumQuestionCreatedEvent;
  'atrium-record-request': AtriumRecordRequestEvent;
}

declare global {
  // Declaration merging: the page's addEventListener learns the widget's events.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends AtriumEventMap {}
}
