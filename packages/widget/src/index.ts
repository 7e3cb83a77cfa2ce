// The widget package: importing it defines every Atrium element.
export { AtriumWidget } from './components/atrium-widget/atrium-widget.js';
export { AtriumSearch } from './components/atrium-search/atrium-search.js';
export { AtriumBooking } from './components/atrium-booking/atrium-booking.js';
export { AtriumChat } from './components/atrium-chat/atrium-chat.js';
export { AtriumAsk } from './components/atrium-ask/atrium-ask.js';
export { AtriumHold } from './components/atrium-hold/atrium-hold.js';
export type { WidgetPlacement } from './components/atrium-widget/atrium-widget.component.js';
export { LocalizeController } from './controllers/localize-controller.js';
export { ClientController } from './controllers/client-controller.js';
export { ClientProvider } from './controllers/client-provider.js';
export type { Translation } from './translations/translations.js';
export type { LocaleId } from './localize/resolve-locale.js';
export type * from './events/events.js';
