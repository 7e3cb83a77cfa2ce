// Canned responses: a member's ready-made replies that its librarians insert into a chat.
import { z } from 'zod/mini';
import { MemberId } from './common.js';

/** A language a canned response is written in: `en`, or `zh` in the script the member writes it. */
export const CannedResponseLanguage = z.enum(['en', 'zh']);
export type CannedResponseLanguage = z.infer<typeof CannedResponseLanguage>;

export const CannedResponse = z.object({
  id: z.string(),
  member: MemberId,
  /** A short label to pick it by. */
  title: z.string(),
  /** What is inserted into the message being written. */
  text: z.string(),
  language: CannedResponseLanguage,
});
export type CannedResponse = z.infer<typeof CannedResponse>;

/** `GET /v1/staff/canned-responses?language=`: only one language's, or every language's when absent. */
export const CannedResponseQuery = z.object({
  language: z.optional(CannedResponseLanguage),
});
export type CannedResponseQuery = z.infer<typeof CannedResponseQuery>;

/** The signed-in librarian's member's canned responses, in the order the member keeps them. */
export const CannedResponseList = z.object({ items: z.array(CannedResponse) });
export type CannedResponseList = z.infer<typeof CannedResponseList>;
