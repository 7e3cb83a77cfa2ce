// Patrons' questions: ask the home member (when no one can chat), read the answers by the
// private token, follow up; and a member's service policy.
import {
  Question,
  QuestionCreated,
  QuestionMessageRequest,
  QuestionRequest,
  QuestionTokenQuery,
  ServicePolicy,
} from '../schemas/reference.js';
import { MemberId } from '../schemas/common.js';
import { checked } from './checked.js';
import { type CreateOptions, newIdempotencyKey } from './idempotency.js';
import type { CallOptions, Transport } from './transport.js';

/** A question to ask; `member` defaults to the client's home member. */
export type NewQuestion = Omit<QuestionRequest, 'member'> & { member?: string };

export interface QuestionsApi {
  /**
   * Keep the returned token: it is the only way back to the question (and its answers). Sent
   * with an Idempotency-Key, so a retry after a lost answer never files the question twice.
   * ApiError 429 `rate_limited` (with `retryAfterSeconds`) when too many questions came from
   * this network or to this member in a short time.
   */
  ask(question: NewQuestion, options?: CreateOptions): Promise<QuestionCreated>;
  /** The question with its answers and follow-ups, oldest first. ApiError 404 for a wrong token. */
  get(id: string, token: string, options?: CallOptions): Promise<Question>;
  /** A follow-up from the patron. ApiError 409 `question_closed` once closed. */
  followUp(id: string, token: string, text: string, options?: CallOptions): Promise<Question>;
  /** What a member tells the consortium about its service (whom it serves, lending, hours). */
  servicePolicy(member: string, options?: CallOptions): Promise<ServicePolicy>;
}

export function createQuestionsApi(transport: Transport, homeMember: string | undefined): QuestionsApi {
  const path = (id: string) => `/v1/questions/${encodeURIComponent(id)}`;
  return {
    async ask(question, options = {}) {
      const body = checked(QuestionRequest, { ...question, member: question.member ?? homeMember }, 'question');
      const { idempotencyKey = newIdempotencyKey(), ...call } = options;
      return transport.request({
        method: 'POST',
        path: '/v1/questions',
        body,
        headers: { 'idempotency-key': idempotencyKey },
        retryable: true,
        schema: QuestionCreated,
        ...call,
      });
    },
    async get(id, token, options = {}) {
      const query = new URLSearchParams(checked(QuestionTokenQuery, { token }, 'token'));
      return transport.request({ method: 'GET', path: path(id), query, schema: Question, ...options });
    },
    async followUp(id, token, text, options = {}) {
      const query = new URLSearchParams(checked(QuestionTokenQuery, { token }, 'token'));
      const body = checked(QuestionMessageRequest, { text }, 'follow-up');
      return transport.request({ method: 'POST', path: `${path(id)}/messages`, query, body, schema: Question, ...options });
    },
    async servicePolicy(member, options = {}) {
      checked(MemberId, member, 'member');
      return transport.request({
        method: 'GET',
        path: `/v1/members/${encodeURIComponent(member)}/policy`,
        schema: ServicePolicy,
        ...options,
      });
    },
  };
}
