// Live consultation for patrons: `client.chat.connect({ member })` starts a chat with a
// librarian, or continues the one this visitor's session already has open.
import type { Socket } from 'socket.io-client';
import type { ChatContext, ChatMessage, Conversation, PatronSession } from '../schemas/chat.js';
import { PatronToRelay, RelayToPatron } from '../schemas/chat-events.js';
import { CONVERSATION_EVENT_NAMES, ChatConversation, type OutboxPersistence } from './chat-conversation.js';
import { ChatRefusedError } from './chat-error.js';
import { chatRequest } from './chat-request.js';
import { openChatSocket } from './chat-socket.js';

/**
 * Where the session token and unsent messages are kept between page loads: `localStorage`
 * in a browser.
 */
export interface ChatTokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

export interface ChatConnectOptions {
  /** The member whose librarians answer first; defaults to the client's `member`. */
  member?: string;
  /** What the patron is looking at, shown to the librarian. */
  context?: ChatContext;
  /**
   * The member's public widget key for this site (from `atrium-relay widget-key add`); the relay
   * checks the page's origin against the origins the key allows.
   */
  key?: string;
  /** A session token from an earlier visit; otherwise read from `storage`. */
  session?: string;
  /** Keeps the session token so a reload or another tab continues the same chat. */
  storage?: ChatTokenStorage;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /**
   * In a browser, close the connection when the page is hidden for navigation (`pagehide`) and
   * restore it when the page comes back from the back/forward cache (`pageshow`), so the page
   * stays eligible for that cache. Default true.
   */
  followPageLifecycle?: boolean;
}

export interface ChatApi {
  connect(options?: ChatConnectOptions): Promise<PatronChat>;
}

/** A patron's chat: the conversation plus the session it belongs to. */
export class PatronChat extends ChatConversation {
  readonly #socket: Socket;
  #session: PatronSession;

  constructor(
    socket: Socket,
    session: PatronSession,
    conversation: Conversation,
    history: ChatMessage[],
    timeoutMs: number,
    persistence?: OutboxPersistence,
  ) {
    super(socket, conversation, history, timeoutMs, persistence);
    this.#socket = socket;
    this.#session = session;
  }

  /** The visitor's session (id and token); the same in every tab that shares the token. */
  get session(): PatronSession {
    return this.#session;
  }

  /** @internal */
  renewSession(session: PatronSession): void {
    this.#session = session;
  }

  /** Rates the conversation from 1 to 5 with an optional comment; rating again replaces it. */
  async rate(score: number, comment?: string): Promise<Conversation> {
    const answer = await this.request(PatronToRelay, 'chat:rate', { score, ...(comment ? { comment } : {}) });
    return answer.conversation;
  }

  /** Ends the conversation if it is open and erases it and its messages on the relay for good; deleting again is harmless. */
  async delete(): Promise<void> {
    try {
      await this.request(PatronToRelay, 'chat:delete', {});
    } catch (error) {
      // Already gone (deleted in another tab, or purged): what the patron asked for is done.
      if (!(error instanceof ChatRefusedError && error.code === 'not_found')) throw error;
    }
    this.#forget?.();
    this.close();
  }

  /**
   * The whole conversation as plain text, fetched afresh from the relay (so it holds what was
   * said in other tabs too): a heading, then one line per message with its time and sender.
   */
  async transcript(options: TranscriptOptions = {}): Promise<string> {
    const { conversation, messages } = await this.request(PatronToRelay, 'chat:resume', { afterSeq: 0 });
    return formatTranscript(conversation, messages, options);
  }

  /** @internal */
  onForget(forget: () => void): void {
    this.#forget = forget;
  }

  /** @internal */
  connectionChanged(state: 'connected' | 'reconnecting'): void {
    this.emit('connection', state);
  }

  /** @internal */
  onClose(closed: () => void): void {
    this.#closed.push(closed);
  }

  #forget: (() => void) | undefined;
  readonly #closed: (() => void)[] = [];

  /** Leaves the chat open on the relay (another tab or a reload can continue it) and disconnects. */
  close(): void {
    this.dispose();
    for (const closed of this.#closed.splice(0)) closed();
    this.#socket.disconnect();
  }
}

/** The words of a transcript, for a page that shows the chat in another language. */
export interface TranscriptWording {
  heading(member: string, started: string): string;
  you: string;
  /** A librarian without a name. */
  librarian: string;
  /** "Mei (Eastern University)": a librarian answering for another member. */
  librarianOf(name: string, member: string): string;
  ended(at: string): string;
  /** Names for member ids; the id is shown without one. */
  memberName?(member: string): string;
}

const ENGLISH_WORDING: TranscriptWording = {
  heading: (member, started) => `Chat with ${member}, started ${started}`,
  you: 'You',
  librarian: 'Librarian',
  librarianOf: (name, member) => `${name} (${member})`,
  ended: (at) => `Ended ${at}`,
};

export interface TranscriptOptions {
  timeZone?: string;
  locale?: string;
  wording?: TranscriptWording;
}

/** A transcript a person can read in any text editor. */
export function formatTranscript(conversation: Conversation, messages: readonly ChatMessage[], options: TranscriptOptions = {}): string {
  const words = options.wording ?? ENGLISH_WORDING;
  const name = (member: string) => words.memberName?.(member) ?? member;
  const when = new Intl.DateTimeFormat(options.locale ?? 'en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const lines = [words.heading(name(conversation.member), when.format(new Date(conversation.createdAt))), ''];
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    const librarian = message.from.name ?? words.librarian;
    const sender =
      message.from.role === 'patron'
        ? words.you
        : message.from.member && message.from.member !== conversation.member
          ? words.librarianOf(librarian, name(message.from.member))
          : librarian;
    lines.push(`[${when.format(new Date(message.ts))}] ${sender}: ${message.text}`);
  }
  if (conversation.endedAt) lines.push('', words.ended(when.format(new Date(conversation.endedAt))));
  return `${lines.join('\n')}\n`;
}

/** Closes the socket while the page sits in the back/forward cache and reopens it on return. */
function followPageLifecycle(socket: Socket, chat: PatronChat): void {
  const page = typeof window === 'undefined' ? undefined : window;
  if (!page?.addEventListener) return;
  const hide = () => socket.disconnect();
  const show = (event: PageTransitionEvent) => {
    if (event.persisted && !socket.connected) socket.connect();
  };
  page.addEventListener('pagehide', hide);
  page.addEventListener('pageshow', show);
  chat.onClose(() => {
    page.removeEventListener('pagehide', hide);
    page.removeEventListener('pageshow', show);
  });
}

function readOutbox(raw: string | null): { clientId: string; text: string }[] {
  if (!raw) return [];
  try {
    const entries: unknown = JSON.parse(raw);
    if (!Array.isArray(entries)) return [];
    return entries.filter(
      (entry): entry is { clientId: string; text: string } => typeof entry?.clientId === 'string' && typeof entry?.text === 'string',
    );
  } catch {
    return [];
  }
}

export function createChatApi(baseUrl: string, defaultMember: string | undefined): ChatApi {
  return {
    async connect(options = {}) {
      const member = options.member ?? defaultMember;
      if (!member) throw new TypeError('chat.connect needs a member, e.g. { member: "riverside-library" }');
      const timeoutMs = options.timeoutMs ?? 10_000;
      const key = `atrium:chat-session:${member}`;
      let token = options.session ?? options.storage?.getItem(key) ?? undefined;
      let chat: PatronChat | undefined;
      let early: unknown;
      const keep = (value: unknown) => {
        const parsed = RelayToPatron.session.safeParse(value);
        if (!parsed.success) return;
        token = parsed.data.token;
        options.storage?.setItem(key, token);
        chat?.renewSession(parsed.data);
      };
      const socket = await openChatSocket({
        baseUrl,
        namespace: '/patron',
        auth: () => ({ member, ...(token ? { session: token } : {}), ...(options.key ? { key: options.key } : {}) }),
        timeoutMs,
        prepare: (opened) => {
          opened.on('session', keep);
          // The place in line comes with the first resume, before the conversation below exists.
          opened.on('queue:update', (position: unknown) => (early = position));
        },
      });
      try {
        const started = await chatRequest(
          socket,
          PatronToRelay,
          'chat:start',
          options.context ? { context: options.context } : {},
          timeoutMs,
        );
        keep(started.session);
        const { conversation, messages } = await chatRequest(
          socket,
          PatronToRelay,
          'chat:resume',
          { conversationId: started.conversation.id, afterSeq: 0 },
          timeoutMs,
        );
        const storage = options.storage;
        const outboxKey = `atrium:chat-outbox:${conversation.id}`;
        const persistence: OutboxPersistence | undefined = storage && {
          load: () => readOutbox(storage.getItem(outboxKey)),
          save: (entries) => {
            if (entries.length > 0) storage.setItem(outboxKey, JSON.stringify(entries));
            else if (storage.removeItem) storage.removeItem(outboxKey);
            else storage.setItem(outboxKey, '[]');
          },
        };
        chat = new PatronChat(socket, started.session, conversation, messages, timeoutMs, persistence);
        const opened = chat;
        // A deleted conversation leaves nothing behind on this device either.
        opened.onForget(() => {
          if (storage?.removeItem) storage.removeItem(outboxKey);
        });
        if ((early as { conversationId?: string } | undefined)?.conversationId === opened.id) opened.receive('queue:update', early);
        for (const event of CONVERSATION_EVENT_NAMES) {
          socket.on(event, (payload: { conversationId?: string }) => {
            if (payload?.conversationId === opened.id) opened.receive(event, payload);
          });
        }
        // Every connect after the first (socket.io-client's reconnects, or a page restored from the
        // back/forward cache) sends what waited and fetches what was missed.
        socket.on('connect', () => {
          opened.connectionChanged('connected');
          opened.reconnected();
        });
        // A disconnect asked for (close(), a page going into the back/forward cache) is not followed by reconnecting.
        socket.on('disconnect', () => {
          if (socket.active) opened.connectionChanged('reconnecting');
        });
        if (options.followPageLifecycle !== false) followPageLifecycle(socket, opened);
        // What an earlier page left unsent goes now, under the clientIds it had.
        opened.flush();
        return opened;
      } catch (error) {
        socket.disconnect();
        throw error;
      }
    },
  };
}
