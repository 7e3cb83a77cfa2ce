// The events both sides of a conversation share: messages, typing, read receipts, end, resume.
import { ConversationToRelay, type ChatEnded, type ChatRead, type ChatTyping } from '@atrium/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { ChatActor, ChatService } from '../domain/chat/chat-service.js';
import { type ChatRooms, conversationRoom, type LibrarianSocket, type PatronSocket } from './chat-rooms.js';
import { onAcked } from './socket-handler.js';

export function registerConversationEvents(
  socket: PatronSocket | LibrarianSocket,
  actor: ChatActor,
  chat: ChatService,
  rooms: ChatRooms,
  log: FastifyBaseLogger,
  /** Runs before a message not stored before is stored (the patron's rate limit); throwing refuses it. */
  admitMessage?: () => Promise<void>,
): void {
  onAcked(socket, log, ConversationToRelay, 'chat:message', async ({ conversationId, clientId, text }) => {
    const { message, created, waiting } = await chat.send(conversationId, actor, clientId, text, admitMessage);
    // Stored first, acknowledged next. A resent clientId is broadcast again: the node that stored
    // it the first time may have died before broadcasting, and every client drops a seq it has.
    rooms.toConversation(conversationId, 'chat:message', message);
    // The queue shows a waiting patron's first words.
    if (created && waiting && actor.role === 'patron') await rooms.pushQueue();
    return { message };
  });

  onAcked(socket, log, ConversationToRelay, 'chat:typing', async ({ conversationId, typing }) => {
    await chat.participant(conversationId, actor);
    rooms.toConversation(conversationId, 'chat:typing', { conversationId, role: actor.role, typing } satisfies ChatTyping, socket.id);
    return {};
  });

  onAcked(socket, log, ConversationToRelay, 'chat:read', async ({ conversationId, seq }) => {
    const stored = await chat.read(conversationId, actor, seq);
    rooms.toConversation(conversationId, 'chat:read', { conversationId, role: actor.role, seq: stored } satisfies ChatRead, socket.id);
    return { seq: stored };
  });

  onAcked(socket, log, ConversationToRelay, 'chat:end', async ({ conversationId }) => {
    const before = await chat.participant(conversationId, actor);
    const { conversation, changed } = await chat.end(conversationId, actor);
    if (changed) {
      const ended: ChatEnded = { conversationId, endedBy: actor.role, endedAt: conversation.endedAt ?? new Date().toISOString() };
      rooms.toConversation(conversationId, 'chat:end', ended);
      if (before.status === 'waiting') await rooms.pushQueue();
      // The librarian's load fell: they may take another chat, and colleagues see it.
      if (before.status === 'active') await rooms.pushAll();
    }
    return { conversation };
  });

  onAcked(socket, log, ConversationToRelay, 'chat:resume', async ({ conversationId, afterSeq }) => {
    const answer = await chat.resume(conversationId, actor, afterSeq);
    // Join before answering, so nothing sent after the answer is missed by this socket.
    await socket.join(conversationRoom(conversationId));
    if (actor.role === 'patron' && answer.conversation.status === 'waiting') await rooms.tellPosition(socket, conversationId);
    return answer;
  });
}
