// `/patron`: site visitors. The handshake names the member; the relay gives each visitor a
// signed session token so every tab, reload and reconnect continues the same conversation.
import { ChatStartPayload, PatronHandshake, type PatronSession } from '@atrium/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { ChatService } from '../domain/chat/chat-service.js';
import type { IssuedSession, PatronSessions } from '../domain/chat/patron-sessions.js';
import { type ChatRooms, conversationRoom, sessionRoom } from './chat-rooms.js';
import { registerConversationEvents } from './conversation-events.js';
import { onAcked } from './socket-handler.js';

interface PatronData {
  session: IssuedSession;
}

export function attachPatronNamespace(rooms: ChatRooms, chat: ChatService, sessions: PatronSessions, log: FastifyBaseLogger): void {
  const namespace = rooms.patrons;
  namespace.use((socket, next) => {
    const handshake = PatronHandshake.safeParse(socket.handshake.auth);
    if (!handshake.success) {
      const issue = handshake.error.issues[0];
      return next(refusal('invalid_handshake', `The handshake needs auth.member: ${issue ? `${issue.path.join('.') || 'auth'}: ${issue.message}` : 'missing'}`));
    }
    const { member, session } = handshake.data;
    chat.memberExists(member).then(
      async (exists) => {
        if (!exists) return next(refusal('unknown_member', `There is no member "${member}" in this consortium.`));
        (socket.data as PatronData).session = await sessions.resolve(session, member);
        next();
      },
      (error: unknown) => {
        log.error({ err: error }, 'patron handshake failed');
        next(refusal('internal_error', 'The relay could not open the chat just now; try again.'));
      },
    );
  });

  namespace.on('connection', async (socket: Socket) => {
    const { session } = socket.data as PatronData;
    const actor = { role: 'patron', session: session.id } as const;
    // Handlers first, so an event sent right after connecting is not lost while rooms are joined.
    registerConversationEvents(socket, actor, chat, rooms, log);
    onAcked(socket, log, 'chat:start', ChatStartPayload, async ({ context }) => {
      const { conversation, created } = await chat.start(session.id, session.member, context);
      // Every tab of this session follows the conversation, not just the one that started it.
      namespace.in(sessionRoom(session.id)).socketsJoin(conversationRoom(conversation.id));
      await socket.join(conversationRoom(conversation.id));
      if (created) await rooms.pushQueue();
      return { conversation, session: publicSession(session) };
    });
    try {
      await socket.join(sessionRoom(session.id));
      for (const id of await chat.openConversationIdsOfSession(session.id)) await socket.join(conversationRoom(id));
      socket.emit('session', publicSession(session));
    } catch (error) {
      log.error({ err: error }, 'patron connection setup failed');
      socket.disconnect(true);
    }
  });
}

function publicSession(session: IssuedSession): PatronSession {
  return { id: session.id, token: session.token, expiresAt: session.expiresAt.toISOString() };
}

/** A connect_error the client can read: `err.message` and `err.data.code`. */
export function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}
