// Live consultation on the relay's Socket.IO server: the /patron and /librarian namespaces.
import type { FastifyBaseLogger } from 'fastify';
import type { Server } from 'socket.io';
import type { ChatService } from '../domain/chat/chat-service.js';
import type { PatronSessions } from '../domain/chat/patron-sessions.js';
import type { StaffAuth } from '../domain/staff/staff-auth.js';
import { ChatRooms, type LibrarianNamespace, type PatronNamespace } from './chat-rooms.js';
import { attachLibrarianNamespace } from './librarian-namespace.js';
import { attachPatronNamespace, type PatronSafety } from './patron-namespace.js';

export interface ChatDependencies {
  chat: ChatService;
  sessions: PatronSessions;
  staffAuth: StaffAuth;
  /** Origin checks, rate limits, rating and deletion on the patron side. */
  safety: PatronSafety;
  log: FastifyBaseLogger;
}

export function attachChat(io: Server, { chat, sessions, staffAuth, safety, log }: ChatDependencies): void {
  // Typed by the shared event map from here on: every emit and every handler is checked against it.
  const rooms = new ChatRooms(io.of('/patron') as PatronNamespace, io.of('/librarian') as LibrarianNamespace, chat);
  attachPatronNamespace(rooms, chat, sessions, safety, log);
  attachLibrarianNamespace(rooms, chat, staffAuth, log);
}
