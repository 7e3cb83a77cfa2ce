// What a patron may ask of their own conversation besides talking: rate it (and change the
// rating later), or delete it, which ends it first when still open and then erases it for good.
import type { ChatEnded, Conversation } from '@atrium/sdk';
import type { ChatRatingStore } from '../../storage/chat-rating-store.js';
import type { ChatRetentionStore } from '../../storage/chat-retention-store.js';
import { ChatError } from './chat-error.js';
import type { ChatService } from './chat-service.js';
import { ratingOf } from './conversation-rating.js';

export interface Deletion {
  /** Set when the conversation was still open: the other side must hear it ended. */
  ended?: ChatEnded;
  /** It was waiting: the queue changed. */
  wasWaiting: boolean;
}

export class PatronRequests {
  constructor(
    private readonly chat: ChatService,
    private readonly ratings: ChatRatingStore,
    private readonly erasure: ChatRetentionStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async rate(conversationId: string, session: string, score: number, comment: string | undefined): Promise<Conversation> {
    const actor = { role: 'patron', session } as const;
    await this.chat.participant(conversationId, actor);
    if (!(await this.ratings.rate(conversationId, score, comment ? comment : null, this.now().toISOString()))) throw notFound();
    const conversation = await this.chat.participant(conversationId, actor);
    return { ...conversation, ...ratingOf({ rating_score: score, rating_comment: comment || null }) };
  }

  async delete(conversationId: string, session: string): Promise<Deletion> {
    const actor = { role: 'patron', session } as const;
    const before = await this.chat.participant(conversationId, actor);
    const deletion: Deletion = { wasWaiting: before.status === 'waiting' };
    if (before.status !== 'ended') {
      // Ended first, so no message can slip in between the end and the erasure.
      const { conversation, changed } = await this.chat.end(conversationId, actor);
      if (changed) deletion.ended = { conversationId, endedBy: 'patron', endedAt: conversation.endedAt ?? this.now().toISOString() };
    }
    if (!(await this.erasure.erase(conversationId))) throw notFound();
    return deletion;
  }
}

function notFound(): ChatError {
  return new ChatError('not_found', 'There is no such conversation in this session.');
}
