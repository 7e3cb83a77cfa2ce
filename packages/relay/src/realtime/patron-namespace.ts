// `/patron`: site visitors. The handshake names the member; the relay gives each visitor a
// signed session token so every tab, reload and reconnect continues the same conversation.
// Pages from origins the member did not allow are refused, and patrons are rate limited.
import { PatronHandshake, type PatronSession, PatronToRelay } from '@atrium/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { ChatRateLimits } from '../domain/chat/chat-rate-limits.js';
import type { ChatService } from '../domain/chat/chat-service.js';
import type { OriginPolicy } from '../domain/chat/origin-policy.js';
import type { PatronRequests } from '../domain/chat/patron-requests.js';
import type { IssuedSession, PatronSessions } from '../domain/chat/patron-sessions.js';
import { type ChatRooms, conversationRoom, type PatronSocket, sessionRoom } from './chat-rooms.js';
import { clientAddress } from './client-address.js';
import { registerConversationEvents } from './conversation-events.js';
import { onAcked } from './socket-handler.js';

interface PatronData {
  session: IssuedSession;
  address: string;
}

/** What keeps the patron side safe: who may connect, how often, and the patron's own requests. */
export interface PatronSafety {
  origins: OriginPolicy;
  limits: ChatRateLimits;
  requests: PatronRequests;
  /** Take the client's address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
}

export function attachPatronNamespace(
  rooms: ChatRooms,
  chat: ChatService,
  sessions: PatronSessions,
  safety: PatronSafety,
  log: FastifyBaseLogger,
): void {
  const namespace = rooms.patrons;
  namespace.use((socket, next) => {
    const handshake = PatronHandshake.safeParse(socket.handshake.auth);
    if (!handshake.success) {
      const issue = handshake.error.issues[0];
      return next(
        refusal(
          'invalid_handshake',
          `The handshake needs auth.member: ${issue ? `${issue.path.join('.') || 'auth'}: ${issue.message}` : 'missing'}`,
        ),
      );
    }
    const { member, session, key } = handshake.data;
    const { origin, host } = socket.handshake.headers;
    (async () => {
      if (!(await chat.memberExists(member))) return next(refusal('unknown_member', `There is no member "${member}" in this consortium.`));
      const verdict = await safety.origins.check({ member, key, origin, host });
      if (!verdict.allowed) {
        log.info({ member, origin, code: verdict.code }, 'patron connection refused');
        return next(refusal(verdict.code, verdict.message));
      }
      const data = socket.data as PatronData;
      data.session = await sessions.resolve(session, member);
      data.address = clientAddress(socket.handshake, safety.trustProxy);
      next();
    })().catch((error: unknown) => {
      log.error({ err: error }, 'patron handshake failed');
      next(refusal('internal_error', 'The relay could not open the chat just now; try again.'));
    });
  });

  namespace.on('connection', async (socket: PatronSocket) => {
    const { session, address } = socket.data as PatronData;
    const actor = { role: 'patron', session: session.id } as const;
    // Handlers first, so an event sent right after connecting is not lost while rooms are joined.
    // Only a message not stored before counts against the limits: a resend is answered with the stored copy.
    registerConversationEvents(socket, actor, chat, rooms, log, () => safety.limits.check('message', session.id, address));
    onAcked(socket, log, PatronToRelay, 'chat:start', async ({ context }) => {
      // Reopening the conversation already under way (every reload does) is not a new chat.
      if ((await chat.openConversationIdsOfSession(session.id)).length === 0) await safety.limits.check('start', session.id, address);
      const { conversation, created } = await chat.start(session.id, session.member, context);
      // Every tab of this session follows the conversation, not just the one that started it.
      namespace.in(sessionRoom(session.id)).socketsJoin(conversationRoom(conversation.id));
      await socket.join(conversationRoom(conversation.id));
      if (created) await rooms.pushQueue();
      return { conversation, session: publicSession(session) };
    });
    onAcked(socket, log, PatronToRelay, 'chat:rate', async ({ conversationId, score, comment }) => {
      return { conversation: await safety.requests.rate(conversationId, session.id, score, comment) };
    });
    onAcked(socket, log, PatronToRelay, 'chat:delete', async ({ conversationId }) => {
      const { ended, wasWaiting } = await safety.requests.delete(conversationId, session.id);
      if (ended) rooms.toConversation(conversationId, 'chat:end', ended);
      // Nobody follows a conversation that no longer exists, on any node.
      rooms.patrons.in(conversationRoom(conversationId)).socketsLeave(conversationRoom(conversationId));
      rooms.librarians.in(conversationRoom(conversationId)).socketsLeave(conversationRoom(conversationId));
      if (wasWaiting) await rooms.pushQueue();
      // An active one freed its librarian: the queue's offers and the team view change.
      else if (ended) await rooms.pushAll();
      return { deleted: true as const };
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
