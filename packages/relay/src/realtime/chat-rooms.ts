// Who hears what: Socket.IO rooms per conversation (in both namespaces), per patron session,
// per librarian and per member. Rooms go through the adapter, so several relay nodes agree.
import type { PatronQueuePosition, QueueUpdate } from '@atrium/sdk';
import type { Namespace } from 'socket.io';
import { type ChatService, orderForMember } from '../domain/chat/chat-service.js';

export const conversationRoom = (id: string) => `conversation:${id}`;
export const sessionRoom = (id: string) => `session:${id}`;
export const librarianRoom = (id: string) => `librarian:${id}`;
export const memberRoom = (id: string) => `member:${id}`;

export class ChatRooms {
  constructor(
    readonly patrons: Namespace,
    readonly librarians: Namespace,
    private readonly chat: ChatService,
  ) {}

  /** Sends an event to everyone in a conversation: the patron's tabs and the assigned librarian's. */
  toConversation(conversationId: string, event: string, payload: object, except?: string): void {
    const room = conversationRoom(conversationId);
    const patrons = except ? this.patrons.to(room).except(except) : this.patrons.to(room);
    const librarians = except ? this.librarians.to(room).except(except) : this.librarians.to(room);
    patrons.emit(event, payload);
    librarians.emit(event, payload);
  }

  /**
   * Sends every librarian the waiting conversations, ordered for their own member, and each
   * waiting patron their place in line (oldest first, across all members).
   */
  async pushQueue(): Promise<void> {
    const waiting = await this.chat.waiting();
    for (const member of await this.chat.memberIds()) {
      this.librarians.to(memberRoom(member)).emit('queue:update', { items: orderForMember(waiting, member) } satisfies QueueUpdate);
    }
    waiting.forEach((item, index) => {
      const place: PatronQueuePosition = { conversationId: item.conversationId, position: index + 1 };
      this.patrons.to(conversationRoom(item.conversationId)).emit('queue:update', place);
    });
  }
}
