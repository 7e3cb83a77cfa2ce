// `/librarian`: signed-in staff. They see the queue, accept conversations, answer and set
// their presence; presence drops to away when their last socket (on any node) goes.
import { ChatAcceptPayload, type ChatAssigned, LibrarianHandshake, type Librarian, PresenceSetPayload } from '@atrium/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { ChatService } from '../domain/chat/chat-service.js';
import type { StaffAuth } from '../domain/staff/staff-auth.js';
import { type ChatRooms, conversationRoom, librarianRoom, memberRoom } from './chat-rooms.js';
import { registerConversationEvents } from './conversation-events.js';
import { refusal } from './patron-namespace.js';
import { onAcked } from './socket-handler.js';

interface LibrarianData {
  librarian: Librarian;
}

export function attachLibrarianNamespace(rooms: ChatRooms, chat: ChatService, staffAuth: StaffAuth, log: FastifyBaseLogger): void {
  const namespace = rooms.librarians;
  namespace.use((socket, next) => {
    const handshake = LibrarianHandshake.safeParse(socket.handshake.auth);
    if (!handshake.success) return next(refusal('unauthorized', 'unauthorized'));
    staffAuth.authenticate(handshake.data.token).then(
      (librarian) => {
        (socket.data as LibrarianData).librarian = librarian;
        next();
      },
      () => next(refusal('unauthorized', 'unauthorized')),
    );
  });

  namespace.on('connection', async (socket: Socket) => {
    const { librarian } = socket.data as LibrarianData;
    const actor = { role: 'librarian', librarian } as const;
    registerConversationEvents(socket, actor, chat, rooms, log);

    onAcked(socket, log, 'chat:accept', ChatAcceptPayload, async ({ conversationId }) => {
      const answer = await chat.accept(conversationId, librarian);
      namespace.in(librarianRoom(librarian.id)).socketsJoin(conversationRoom(conversationId));
      await socket.join(conversationRoom(conversationId));
      const assigned: ChatAssigned = { conversationId, librarian: { name: librarian.name, member: librarian.member } };
      rooms.patrons.to(conversationRoom(conversationId)).emit('chat:assigned', assigned);
      await rooms.pushQueue();
      return answer;
    });

    onAcked(socket, log, 'presence:set', PresenceSetPayload, async ({ status }) => {
      await chat.setPresence(librarian, status);
      return { status };
    });

    socket.on('disconnect', () => {
      namespace
        .in(librarianRoom(librarian.id))
        .fetchSockets()
        .then(async (remaining) => {
          if (remaining.length === 0) await chat.setPresence(librarian, 'away');
        })
        .catch((error: unknown) => log.warn({ err: error }, 'could not mark a librarian away'));
    });

    try {
      await socket.join([librarianRoom(librarian.id), memberRoom(librarian.member)]);
      for (const id of await chat.activeConversationIdsOfLibrarian(librarian.id)) await socket.join(conversationRoom(id));
      socket.emit('queue:update', { items: await chat.queueFor(librarian.member) });
    } catch (error) {
      log.error({ err: error }, 'librarian connection setup failed');
      socket.disconnect(true);
    }
  });
}
