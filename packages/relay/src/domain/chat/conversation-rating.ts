// The patron's rating as the Conversation shows it, read from a stored conversation row.
import type { Conversation } from '@atrium/sdk';
import type { RatingColumns } from '../../storage/chat-safety-schema.js';

/** `{ rating }` when the patron has rated, else nothing; spread into a Conversation. */
export function ratingOf(row: object): Pick<Conversation, 'rating'> {
  // Every conversation row carries the rating columns (migration 0006), whatever query read it.
  const { rating_score: score, rating_comment: comment } = row as Partial<RatingColumns>;
  if (score === null || score === undefined) return {};
  return { rating: { score: Number(score), ...(comment ? { comment } : {}) } };
}
