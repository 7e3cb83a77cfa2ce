import type { AdminApi } from './admin.js';
import type { AuthApi } from './auth.js';
import type { BookingsApi } from './bookings.js';
import type { CannedResponsesApi } from './canned-responses.js';
import type { ChatApi } from './chat.js';
import type { ConsoleApi } from './chat-console.js';
import { deferredApi } from './deferred-api.js';
import type { HoldsApi } from './holds.js';
import { createKbApi, type KbApi } from './kb.js';
import type { QuestionsApi } from './questions.js';
import type { StaffApi } from './staff.js';
import { createMembersApi, type MembersApi } from './members.js';
import { createRecordsApi, type RecordsApi } from './records.js';
import { createSearchApi, type SearchApi } from './search.js';
import { Transport } from './transport.js';

export interface ClientOptions {
  /** Where the relay is, e.g. `https://atrium.example.org`. */
  baseUrl: string;
  /** The home member of this site or app (used by chat and questions). */
  member?: string;
  /** A fetch implementation; defaults to the global one (browsers, Node 20+). */
  fetch?: typeof fetch;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after a 408/429/5xx or a network failure; default 2. */
  retries?: number;
  headers?: Record<string, string>;
}

export interface AtriumClient {
  readonly baseUrl: string;
  readonly member: string | undefined;
  readonly search: SearchApi;
  readonly records: RecordsApi;
  readonly members: MembersApi;
  /** Resources, free slots and the patron's bookings. */
  readonly bookings: BookingsApi;
  /** Holds on catalogue records for pickup at a member branch. */
  readonly holds: HoldsApi;
  /** Librarian sign-in (staff only). */
  readonly auth: AuthApi;
  /** Questions to the home member when no one can chat, read back by their private token. */
  readonly questions: QuestionsApi;
  /** Published answers, searched like the catalogue. */
  readonly kb: KbApi;
  /** The question queue and the monthly ledger (staff only). */
  readonly staff: StaffApi;
  /** The consortium's configuration, member by member, and its audit log (administrators only). */
  readonly admin: AdminApi;
  /** Ready-made replies of the librarian's member, for the console (staff only). */
  readonly cannedResponses: CannedResponsesApi;
  /** Live consultation for patrons over Socket.IO. */
  readonly chat: ChatApi;
  /** The librarian side of live consultation (staff only). */
  readonly console: ConsoleApi;
}

export function createClient(options: ClientOptions): AtriumClient {
  if (!options?.baseUrl) throw new TypeError('createClient needs a baseUrl, e.g. { baseUrl: "http://localhost:8080" }');
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!fetchImpl) throw new TypeError('No fetch available: pass one as createClient({ fetch })');
  const transport = new Transport({
    baseUrl: options.baseUrl,
    fetch: fetchImpl,
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: Math.max(0, options.retries ?? 2),
    headers: options.headers ?? {},
  });
  return {
    baseUrl: transport.baseUrl,
    member: options.member,
    search: createSearchApi(transport),
    records: createRecordsApi(transport),
    members: createMembersApi(transport),
    // Searching is what every page does first; the rest loads with its first call (deferred-api.ts).
    bookings: {
      ...deferredApi<Omit<BookingsApi, 'calendarUrl'>>(async () => (await import('./bookings.js')).createBookingsApi(transport), {
        resources: true,
        resource: true,
        availability: true,
        create: true,
        get: true,
        cancel: true,
        list: true,
        cancelAsStaff: true,
        markNoShow: true,
      }),
      calendarUrl: (booking) => `${transport.baseUrl}${booking.calendarUrl}`,
    },
    holds: deferredApi<HoldsApi>(async () => (await import('./holds.js')).createHoldsApi(transport), {
      create: true,
      get: true,
      cancel: true,
      list: true,
      move: true,
    }),
    auth: deferredApi<AuthApi>(async () => (await import('./auth.js')).createAuthApi(transport), {
      login: true,
      me: true,
      choosePassword: true,
    }),
    questions: deferredApi<QuestionsApi>(async () => (await import('./questions.js')).createQuestionsApi(transport, options.member), {
      ask: true,
      get: true,
      followUp: true,
      servicePolicy: true,
    }),
    kb: createKbApi(transport),
    staff: deferredApi<StaffApi>(async () => (await import('./staff.js')).createStaffApi(transport), {
      questions: { list: true, get: true, claim: true, answer: true, followUp: true, refer: true, close: true },
      setServicePolicy: true,
      ledger: true,
    }),
    admin: deferredApi<AdminApi>(async () => (await import('./admin.js')).createAdminApi(transport), {
      members: true,
      member: true,
      replaceMember: true,
      createMember: true,
      removeMember: true,
      audit: true,
    }),
    cannedResponses: deferredApi<CannedResponsesApi>(
      async () => (await import('./canned-responses.js')).createCannedResponsesApi(transport),
      {
        list: true,
      },
    ),
    // The realtime code (and socket.io-client) loads on the first connect, so a page that
    // only searches or books never downloads it.
    chat: {
      connect: async (connectOptions) =>
        (await import('./chat.js')).createChatApi(transport.baseUrl, options.member).connect(connectOptions),
    },
    console: {
      connect: async (connectOptions) => (await import('./chat-console.js')).createConsoleApi(transport.baseUrl).connect(connectOptions),
    },
  };
}
