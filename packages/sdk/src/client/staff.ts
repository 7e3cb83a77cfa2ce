// Staff calls of joint reference: the question queue (claim, answer, refer, close) and the
// monthly ledger. Each takes the librarian's token from client.auth.login.
import {
  AnswerRequest,
  Ledger,
  LedgerQuery,
  type QuestionStatus,
  ReferRequest,
  ServicePolicy,
  ServicePolicyRequest,
  StaffQuestion,
  StaffQuestionDetail,
  StaffQuestionList,
  StaffQuestionListQuery,
  StaffMessageRequest,
} from '../schemas/reference.js';
import { MemberId } from '../schemas/common.js';
import { checked } from './checked.js';
import type { CallOptions, Transport } from './transport.js';

export interface StaffToken {
  token: string;
}

export interface StaffQuestionsApi {
  /** Questions the librarian may see, oldest first. */
  list(auth: StaffToken, query?: { status?: readonly QuestionStatus[]; limit?: number }, options?: CallOptions): Promise<StaffQuestion[]>;
  /** One question with the asking member's service policy and the members holding its record. */
  get(auth: StaffToken, id: string, options?: CallOptions): Promise<StaffQuestionDetail>;
  /** ApiError 409 `already_claimed` when someone else was first. */
  claim(auth: StaffToken, id: string, options?: CallOptions): Promise<StaffQuestion>;
  /**
   * `publish` also adds question and answer, personal data removed, to the knowledge base;
   * `records` links catalogue records (ids) the patron can open. ApiError 422 `unknown_record`
   * names any id not in the union catalog (`records.1`), and nothing is sent.
   */
  answer(auth: StaffToken, id: string, answer: AnswerRequest, options?: CallOptions): Promise<StaffQuestion>;
  /** A follow-up to the patron: its text, or `{ text, records }` to link catalogue records as in an answer. */
  followUp(auth: StaffToken, id: string, message: string | StaffMessageRequest, options?: CallOptions): Promise<StaffQuestion>;
  refer(auth: StaffToken, id: string, referral: ReferRequest, options?: CallOptions): Promise<StaffQuestion>;
  close(auth: StaffToken, id: string, options?: CallOptions): Promise<StaffQuestion>;
}

export interface StaffApi {
  readonly questions: StaffQuestionsApi;
  /**
   * Publishes the service policy of the librarian's own member (ApiError 403 for another
   * member), replacing the one before; returns it as published. Leaving out
   * `questionWaitMinutes` keeps the member's current wait.
   */
  setServicePolicy(auth: StaffToken, member: string, policy: ServicePolicyRequest, options?: CallOptions): Promise<ServicePolicy>;
  /** Per member, questions and chats received from its patrons and answered by its librarians in `month` (YYYY-MM). */
  ledger(auth: StaffToken, month: string, options?: CallOptions): Promise<Ledger>;
}

export function createStaffApi(transport: Transport): StaffApi {
  const path = (id: string, action = '') => `/v1/staff/questions/${encodeURIComponent(id)}${action}`;
  const bearer = ({ token }: StaffToken) => ({ authorization: `Bearer ${token}` });
  const post = (auth: StaffToken, id: string, action: string, body: unknown, options: CallOptions) =>
    transport.request({ method: 'POST', path: path(id, action), body, headers: bearer(auth), schema: StaffQuestion, ...options });
  return {
    questions: {
      async list(auth, query = {}, options = {}) {
        const params = new URLSearchParams();
        if (query.status?.length) params.set('status', query.status.join(','));
        if (query.limit !== undefined) params.set('limit', String(query.limit));
        checked(StaffQuestionListQuery, Object.fromEntries(params), 'question list query');
        return (
          await transport.request({
            method: 'GET',
            path: '/v1/staff/questions',
            query: params,
            headers: bearer(auth),
            schema: StaffQuestionList,
            ...options,
          })
        ).items;
      },
      async get(auth, id, options = {}) {
        return transport.request({ method: 'GET', path: path(id), headers: bearer(auth), schema: StaffQuestionDetail, ...options });
      },
      claim: (auth, id, options = {}) => post(auth, id, '/claim', {}, options),
      answer: (auth, id, answer, options = {}) => post(auth, id, '/answer', checked(AnswerRequest, answer, 'answer'), options),
      followUp: (auth, id, message, options = {}) =>
        post(
          auth,
          id,
          '/messages',
          checked(StaffMessageRequest, typeof message === 'string' ? { text: message } : message, 'follow-up'),
          options,
        ),
      refer: (auth, id, referral, options = {}) => post(auth, id, '/refer', checked(ReferRequest, referral, 'referral'), options),
      close: (auth, id, options = {}) => post(auth, id, '/close', {}, options),
    },
    async setServicePolicy(auth, member, policy, options = {}) {
      checked(MemberId, member, 'member');
      const body = checked(ServicePolicyRequest, policy, 'service policy');
      const path = `/v1/members/${encodeURIComponent(member)}/policy`;
      // Safe to send again: a PUT replaces the policy with the same one.
      return transport.request({ method: 'PUT', path, body, headers: bearer(auth), retryable: true, schema: ServicePolicy, ...options });
    },
    async ledger(auth, month, options = {}) {
      const query = new URLSearchParams({ month: checked(LedgerQuery, { month }, 'ledger query').month });
      return transport.request({ method: 'GET', path: '/v1/staff/ledger', query, headers: bearer(auth), schema: Ledger, ...options });
    },
  };
}
