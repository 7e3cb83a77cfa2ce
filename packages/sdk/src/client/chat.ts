// Live consultation for patrons: `client.chat.connect({ member })` starts a chat with a
// librarian, or continues the one this visitor's session already has open.
import type { Socket } from 'socket.io-client';
import { type ChatContext, type ChatMessage, ChatResumeAck, ChatStartAck, type Conversation, PatronSession } from '../schemas/chat.js';
import { ChatConversation } from './chat-conversation.js';
import { chatRequest } from './chat-request.js';
import { openChatSocket } from './chat-socket.js';

/** Where the session token is kept between page loads: `localStorage` in a browser. */
export interface ChatTokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ChatConnectOptions {
  /** The member whose librarians answer first; defaults to the client's `member`. */
  member?: string;
  /** What the patron is looking at, shown to the librarian. */
  context?: ChatContext;
  /** A session token from an earlier visit; otherwise read from `storage`. */
  session?: string;
  /** Keeps the session token so a reload or another tab continues the same chat. */
  storage?: ChatTokenStorage;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export interface ChatApi {
  connect(options?: ChatConnectOptions): Promise<PatronChat>;
}

/** A patron's chat: the conversation plus the session it belongs to. */
export class PatronChat extends ChatConversation {
  readonly #socket: Socket;
  #session: PatronSession;

  constructor(socket: Socket, session: PatronSession, conversation: Conversation, history: ChatMessage[], timeoutMs: number) {
    super(socket, conversation, history, timeoutMs);
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

  /** Leaves the chat open on the relay (another tab or a reload can continue it) and disconnects. */
  close(): void {
    this.#socket.disconnect();
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
      const keep = (value: unknown) => {
        const parsed = PatronSession.safeParse(value);
        if (!parsed.success) return;
        token = parsed.data.token;
        options.storage?.setItem(key, token);
        chat?.renewSession(parsed.data);
      };
      const socket = await openChatSocket({
        baseUrl,
        namespace: '/patron',
        auth: () => ({ member, ...(token ? { session: token } : {}) }),
        timeoutMs,
        prepare: (opened) => opened.on('session', keep),
      });
      try {
        const started = await chatRequest(socket, 'chat:start', options.context ? { context: options.context } : {}, ChatStartAck, timeoutMs);
        keep(started.session);
        const { conversation, messages } = await chatRequest(
          socket,
          'chat:resume',
          { conversationId: started.conversation.id, afterSeq: 0 },
          ChatResumeAck,
          timeoutMs,
        );
        chat = new PatronChat(socket, started.session, conversation, messages, timeoutMs);
        const opened = chat;
        for (const event of ['chat:message', 'chat:assigned', 'chat:typing', 'chat:read', 'chat:end', 'queue:update']) {
          socket.on(event, (payload: { conversationId?: string }) => {
            if (payload?.conversationId === opened.id) opened.receive(event, payload);
          });
        }
        socket.io.on('reconnect', () => void opened.resync().catch(() => {}));
        return opened;
      } catch (error) {
        socket.disconnect();
        throw error;
      }
    },
  };
}
