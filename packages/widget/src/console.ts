// The librarian console's entry: importing it defines <atrium-console> and what it renders.
// Built into its own bundle (atrium-console.js) so the patron widget never carries it.
export { AtriumConsole } from './components/atrium-console/atrium-console.js';
export { AtriumConsoleChat } from './components/atrium-console-chat/atrium-console-chat.js';
export { AtriumConsoleSetup } from './components/atrium-console-setup/atrium-console-setup.js';
// The other views the console hosts; it shows a view only when its element is defined.
export { AtriumConsoleBookings } from './components/atrium-console-bookings/atrium-console-bookings.js';
export { AtriumConsoleQuestions } from './components/atrium-console-questions/atrium-console-questions.js';
export type { AtriumConsoleChatCloseEvent, ConsoleChatCloseDetail } from './components/atrium-console-chat/atrium-console-chat-close.js';
export type { ConsoleTranslation } from './translations/console/translations.js';
