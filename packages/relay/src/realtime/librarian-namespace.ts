// `/librarian`: signed-in staff. They see the queue and their colleagues, accept and transfer
// conversations, answer and set their presence; presence drops to away when their last socket (on any node) goes.
import { type ChatAssigned, type ChatTransferred, LibrarianHandshake, LibrarianToRelay } from '@atrium/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { ChatService } from '../domain/chat/chat-service.js';
import { type DeskLibrarian, hasDesk, NO_DESK_MESSAGE } from '../domain/staff/librarian.js';
import type { StaffAuth } from '../domain/staff/staff-auth.js';
import { type ChatRooms, conversationRoom, type LibrarianSocket, librarianRoom, memberRoom } from './chat-rooms.js';
import { registerConversationEvents } from './conversation-events.js';
import { refusal } from './patron-namespace.js';
import { onAcked } from './socket-handler.js';

interface LibrarianData {
  librarian: DeskLibrarian;
}

export function attachLibrarianNamespace(rooms: ChatRooms, chat: ChatService, staffAuth: StaffAuth, log: FastifyBaseLogger): void {
  const namespace = rooms.librarians;
  namespace.use((socket, next) => {
    const handshake = LibrarianHandshake.safeParse(socket.handshake.auth);
    if (!handshake.success) return next(refusal('unauthorized', 'unauthorized'));
    staffAuth.authenticate(handshake.data.token).then(
      (librarian) => {
        if (!hasDesk(librarian)) return next(refusal('no_desk', NO_DESK_MESSAGE));
        (socket.data as LibrarianData).librarian = librarian;
        next();
      },
      () => next(refusal('unauthorized', 'unauthorized')),
    );
  });

  namespace.on('connection', async (socket: LibrarianSocket) => {
    const { librarian } = socket.data as LibrarianData;
    const actor = { role: 'librarian', librarian } as const;
    registerConversationEvents(socket, actor, chat, rooms, log);

    onAcked(socket, log, LibrarianToRelay, 'chat:accept', async ({ conversationId }) => {
      const answer = await chat.accept(conversationId, librarian);
      namespace.in(librarianRoom(librarian.id)).socketsJoin(conversationRoom(conversationId));
      await socket.join(conversationRoom(conversationId));
      const assigned: ChatAssigned = { conversationId, librarian: { name: librarian.name, member: librarian.member } };
      rooms.patrons.to(conversationRoom(conversationId)).emit('chat:assigned', assigned);
      await rooms.pushAll();
      return answer;
    });

    onAcked(socket, log, LibrarianToRelay, 'chat:transfer', async ({ conversationId, to, note }) => {
      const outcome = await chat.transfer(conversationId, librarian, to, note);
      const room = conversationRoom(conversationId);
      // Stored first; then the sender stops hearing the conversation and the patron learns where it went.
      namespace.in(librarianRoom(librarian.id)).socketsLeave(room);
      if (outcome.kind === 'librarian') {
        namespace.in(librarianRoom(outcome.to.id)).socketsJoin(room);
        const assigned: ChatAssigned = {
          conversationId,
          librarian: { name: outcome.to.name, member: outcome.to.member },
          transferred: true,
        };
        rooms.patrons.to(room).emit('chat:assigned', assigned);
        const handover: ChatAssigned = { ...assigned, transfer: { from: outcome.from, ...(outcome.note ? { note: outcome.note } : {}) } };
        namespace.to(librarianRoom(outcome.to.id)).emit('chat:assigned', handover);
      } else {
        rooms.patrons.to(room).emit('chat:transferred', { conversationId, queueMember: outcome.to.member } satisfies ChatTransferred);
      }
      await rooms.pushAll();
      return { conversation: outcome.conversation };
    });

    onAcked(socket, log, LibrarianToRelay, 'presence:set', async ({ status }) => {
      await chat.setPresence(librarian, status);
      await rooms.pushAll();
      return { status };
    });

    socket.on('disconnect', () => {
      namespace
        .in(librarianRoom(librarian.id))
        .fetchSockets()
        .then(async (remaining) => {
          if (remaining.length === 0) {
            await chat.setPresence(librarian, 'away');
            await rooms.pushAll();
          }
        })
        .catch((error: unknown) => log.warn({ err: error }, 'could not mark a librarian away'));
    });

    try {
      await socket.join([librarianRoom(librarian.id), memberRoom(librarian.member)]);
      for (const id of await chat.activeConversationIdsOfLibrarian(librarian.id)) await socket.join(conversationRoom(id));
      await rooms.greetLibrarian(socket, librarian.member);
    } catch (error) {
      log.error({ err: error }, 'librarian connection setup failed');
      socket.disconnect(true);
    }
  });
}
