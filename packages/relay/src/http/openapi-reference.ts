// The joint reference part of the OpenAPI document: questions, the staff queue, service
// policies, the knowledge base and the ledger, from the shared schemas the routes validate with.
import {
  CannedResponseList,
  CannedResponseQuery,
  AnswerRequest,
  KbEntry,
  KbSearchQuery,
  KbSearchResult,
  Ledger,
  LedgerQuery,
  Question,
  QuestionCreated,
  QuestionMessageRequest,
  QuestionRequest,
  ReferRequest,
  ServicePolicy,
  ServicePolicyRequest,
  StaffQuestion,
  StaffQuestionDetail,
  StaffQuestionList,
  StaffQuestionListQuery,
  StaffMessageRequest,
} from '@atrium/sdk';
import {
  type JsonSchema,
  idempotencyKeyHeader,
  json,
  problemResponse as problem,
  queryParameters,
  rateLimitedResponse,
  schemaOf,
} from './openapi-parts.js';

const body = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const questionId = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'qs_…' };
const token = {
  name: 'token',
  in: 'query',
  required: true,
  schema: { type: 'string' },
  description: 'The token returned when the question was asked',
};
const staff = { security: [{ librarianToken: [] }] };
const unauthorized = problem('Not signed in');

/** A staff action on one question: its answer is the question as staff see it. */
function staffAction(
  operationId: string,
  summary: string,
  request?: string,
  conflicts = 'already_claimed, not_claimed or question_closed',
) {
  return {
    post: {
      operationId,
      summary,
      ...staff,
      parameters: [questionId],
      ...(request ? { requestBody: body(request) } : {}),
      responses: {
        200: json('StaffQuestion', 'The question now'),
        400: problem('Invalid field'),
        401: unauthorized,
        403: problem('not_open_to_you: still offered only to another member’s librarians'),
        404: problem('No such question'),
        409: problem(conflicts),
      },
    },
  };
}

/** An action that links records: an id the union catalog does not have is refused, naming `records.N`. */
function withUnknownRecord(action: ReturnType<typeof staffAction>) {
  return {
    post: {
      ...action.post,
      responses: {
        ...action.post.responses,
        422: problem('unknown_record: errors name each records.N not in the union catalog; nothing is stored'),
      },
    },
  };
}

export function referencePaths(): JsonSchema {
  return {
    '/v1/questions': {
      post: {
        operationId: 'askQuestion',
        summary: 'Ask the patron’s home member a question; the whole consortium sees it after the member’s wait',
        description:
          'Limited per client address (default 5 questions in 10 minutes) and per member (default 100 an hour); see QUESTION_RATE_LIMITS. A retry answered from its Idempotency-Key is not counted.',
        parameters: [idempotencyKeyHeader],
        requestBody: body('QuestionRequest'),
        responses: {
          201: json(
            'QuestionCreated',
            'Asked, or the first answer again for a retry with the same Idempotency-Key (header Idempotent-Replayed: true); keep the token, it is the only way back to the question',
          ),
          400: problem('Invalid field or Idempotency-Key'),
          422: problem('unknown_member, or idempotency_key_reused: the key was used for another question'),
          429: rateLimitedResponse(
            'rate_limited: too many questions from this network or to this member; nothing was stored, try again after Retry-After seconds',
          ),
        },
      },
    },
    '/v1/questions/{id}': {
      get: {
        operationId: 'getQuestion',
        summary: 'The question with its answers and follow-ups, for the holder of its token',
        parameters: [questionId, token],
        responses: { 200: json('Question', 'The question'), 404: problem('No such question for this token') },
      },
    },
    '/v1/questions/{id}/messages': {
      post: {
        operationId: 'followUpQuestion',
        summary: 'A follow-up from the patron; an answered question goes back to its librarian',
        parameters: [questionId, token],
        requestBody: body('QuestionMessageRequest'),
        responses: {
          201: json('Question', 'The question with the follow-up'),
          400: problem('Invalid field'),
          404: problem('No such question for this token'),
          409: problem('question_closed'),
        },
      },
    },
    '/v1/members/{id}/policy': {
      get: {
        operationId: 'getServicePolicy',
        summary: 'The member’s service policy: whom it serves, lending and hours in brief, what to tell its patrons',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'riverside-library' }],
        responses: { 200: json('ServicePolicy', 'The policy'), 404: problem('member_not_found or policy_not_found') },
      },
      put: {
        operationId: 'setServicePolicy',
        summary:
          'Staff: publish the librarian’s own member’s service policy, replacing the one before; leaving out questionWaitMinutes keeps the current wait',
        ...staff,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'riverside-library' }],
        requestBody: body('ServicePolicyRequest'),
        responses: {
          200: json('ServicePolicy', 'The policy as now published'),
          400: problem('Invalid field; `errors` names each'),
          401: unauthorized,
          403: problem('forbidden: a librarian publishes only their own member’s policy'),
          404: problem('member_not_found'),
        },
      },
    },
    '/v1/kb': {
      get: {
        operationId: 'searchKnowledgeBase',
        summary:
          'Published answers (personal data removed), searched like the catalogue: folding, Simplified/Traditional Chinese, phrases, -exclusions, OR',
        parameters: queryParameters(KbSearchQuery),
        responses: { 200: json('KbSearchResult', 'Best matches first; the newest first for a blank q'), 400: problem('Invalid parameter') },
      },
    },
    '/v1/kb/{id}': {
      get: {
        operationId: 'getKnowledgeBaseEntry',
        summary: 'One published answer',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'kb_…' }],
        responses: { 200: json('KbEntry', 'The entry'), 404: problem('No such entry') },
      },
    },
    '/v1/staff/questions': {
      get: {
        operationId: 'listStaffQuestions',
        summary:
          'Staff: questions in the member’s queue, from its patrons or claimed by its librarians, and new ones open to the whole consortium; oldest first',
        ...staff,
        parameters: queryParameters(StaffQuestionListQuery),
        responses: { 200: json('StaffQuestionList', 'Questions'), 400: problem('Invalid parameter'), 401: unauthorized },
      },
    },
    '/v1/staff/questions/{id}': {
      get: {
        operationId: 'getStaffQuestion',
        summary: 'Staff: one question with the asking member’s service policy and the members holding its record',
        ...staff,
        parameters: [questionId],
        responses: {
          200: json('StaffQuestionDetail', 'The question'),
          401: unauthorized,
          403: problem('not_open_to_you'),
          404: problem('No such question'),
        },
      },
    },
    '/v1/staff/questions/{id}/claim': staffAction(
      'claimQuestion',
      'Staff: take a new question; of librarians claiming at once exactly one succeeds',
      undefined,
      'already_claimed',
    ),
    '/v1/staff/questions/{id}/answer': withUnknownRecord(
      staffAction(
        'answerQuestion',
        'Staff: answer a claimed question; `publish` also adds it, scrubbed, to the knowledge base; `records` links up to 10 catalogue records, each shown with its title as it was when answered; the patron is emailed',
        'AnswerRequest',
      ),
    ),
    '/v1/staff/questions/{id}/messages': withUnknownRecord(
      staffAction(
        'followUpStaffQuestion',
        'Staff: a follow-up to the patron (emailed when they left an address); `records` links catalogue records as in an answer',
        'StaffMessageRequest',
      ),
    ),
    '/v1/staff/questions/{id}/refer': staffAction(
      'referQuestion',
      'Staff: send a new or claimed question to another member’s queue',
      'ReferRequest',
      'already_claimed or cannot_refer; 422 unknown_member or already_there',
    ),
    '/v1/staff/questions/{id}/close': staffAction('closeQuestion', 'Staff: close the question', undefined, 'question_closed'),
    '/v1/staff/canned-responses': {
      get: {
        operationId: 'listCannedResponses',
        summary: 'Staff: the ready-made replies of the signed-in librarian’s member, in its order',
        ...staff,
        parameters: queryParameters(CannedResponseQuery),
        responses: {
          200: json('CannedResponseList', 'The member’s canned responses'),
          400: problem('Invalid parameter'),
          401: unauthorized,
        },
      },
    },
    '/v1/staff/ledger': {
      get: {
        operationId: 'getLedger',
        summary: 'Staff: per member, questions and chats its patrons started and those its librarians answered in a month (UTC)',
        ...staff,
        parameters: queryParameters(LedgerQuery),
        responses: {
          200: {
            description:
              'The ledger (JSON), or with format=csv a CSV file: month,member,questions_received,questions_answered,chats_received,chats_answered',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Ledger' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          400: problem('Invalid parameter'),
          401: unauthorized,
        },
      },
    },
  };
}

export function referenceSchemas(): JsonSchema {
  return {
    QuestionRequest: schemaOf(QuestionRequest, 'input'),
    QuestionCreated: schemaOf(QuestionCreated, 'output'),
    Question: schemaOf(Question, 'output'),
    QuestionMessageRequest: schemaOf(QuestionMessageRequest, 'input'),
    StaffQuestion: schemaOf(StaffQuestion, 'output'),
    StaffQuestionDetail: schemaOf(StaffQuestionDetail, 'output'),
    StaffQuestionList: schemaOf(StaffQuestionList, 'output'),
    AnswerRequest: schemaOf(AnswerRequest, 'input'),
    StaffMessageRequest: schemaOf(StaffMessageRequest, 'input'),
    ReferRequest: schemaOf(ReferRequest, 'input'),
    ServicePolicy: schemaOf(ServicePolicy, 'output'),
    ServicePolicyRequest: schemaOf(ServicePolicyRequest, 'input'),
    KbEntry: schemaOf(KbEntry, 'output'),
    KbSearchResult: schemaOf(KbSearchResult, 'output'),
    Ledger: schemaOf(Ledger, 'output'),
    CannedResponseList: schemaOf(CannedResponseList, 'output'),
  };
}
