// Joint reference on the wire: patrons' questions and their private token, the staff queue,
// members' service policies, the knowledge base of published answers and the monthly ledger.
import { z } from 'zod/mini';
import { MemberId, queryList } from './common.js';
import { RecordId } from './records.js';

export const QuestionStatus = z.enum(['new', 'claimed', 'answered', 'closed']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

/** What a question is about; it helps the queue sort itself and the knowledge base group answers. */
export const QuestionCategory = z.enum(['general', 'catalogue', 'lending', 'research', 'visit', 'access', 'technical', 'other']);
export type QuestionCategory = z.infer<typeof QuestionCategory>;

export const QUESTION_MAX_LENGTH = 4000;

const QuestionText = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(QUESTION_MAX_LENGTH, `must be at most ${QUESTION_MAX_LENGTH} characters`),
  );

/** The patron's contact details; both optional, as a patron may ask anonymously and read the answer by token. */
export const QuestionPatron = z.object({
  name: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200))),
  email: z.optional(z.string().check(z.trim(), z.email('must be an email address'), z.maxLength(320))),
});
export type QuestionPatron = z.infer<typeof QuestionPatron>;

/** Where the patron was when they asked. */
export const QuestionContext = z.object({
  recordId: z.optional(RecordId),
  pageUrl: z.optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).check(z.maxLength(2000))),
});
export type QuestionContext = z.infer<typeof QuestionContext>;

/** Body of `POST /v1/questions`. */
export const QuestionRequest = z.object({
  member: MemberId,
  text: QuestionText,
  patron: z._default(QuestionPatron, {}),
  category: z.optional(QuestionCategory),
  context: z.optional(QuestionContext),
});
export type QuestionRequest = z.input<typeof QuestionRequest>;

export const QuestionId = z.string().check(z.regex(/^qs_[0-9a-f-]{36}$/, 'must be a question id such as "qs_…"'));

export const QuestionToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be the token given with the question'));

/** `?token=` of a patron's question. */
export const QuestionTokenQuery = z.object({ token: QuestionToken });
export type QuestionTokenQuery = z.infer<typeof QuestionTokenQuery>;

/** The answer to `POST /v1/questions`: keep the token, it is the only way back to the question. */
export const QuestionCreated = z.object({ id: z.string(), token: z.string(), status: QuestionStatus });
export type QuestionCreated = z.infer<typeof QuestionCreated>;

/** A follow-up from either side: `{ text }`. */
export const QuestionMessageRequest = z.object({ text: QuestionText });
export type QuestionMessageRequest = z.infer<typeof QuestionMessageRequest>;

/** How many catalogue records one answer or follow-up may link. */
export const MAX_LINKED_RECORDS = 10;

/** The records a librarian links in an answer or follow-up, by id: each once, at most ten. */
export const LinkedRecordIds = z.array(RecordId).check(
  z.maxLength(MAX_LINKED_RECORDS, `must list at most ${MAX_LINKED_RECORDS} records`),
  z.check((ctx) => {
    const seen = new Set<string>();
    ctx.value.forEach((id, index) => {
      if (seen.has(id)) ctx.issues.push({ code: 'custom', message: `lists record "${id}" twice`, input: id, path: [index] });
      seen.add(id);
    });
  }),
);

/**
 * A catalogue record linked in an answer. The title is a snapshot taken when the librarian
 * answered, so the answer reads as it was sent even if the catalogue changes later; the id
 * opens the record as it is now.
 */
export const LinkedRecord = z.object({ id: RecordId, title: z.string(), member: MemberId });
export type LinkedRecord = z.infer<typeof LinkedRecord>;

/** A librarian's follow-up (`POST /v1/staff/questions/:id/messages`): text, and records to link. */
export const StaffMessageRequest = z.extend(QuestionMessageRequest, { records: z.optional(LinkedRecordIds) });
export type StaffMessageRequest = z.infer<typeof StaffMessageRequest>;

/** One entry of a question's thread: an answer, or a follow-up from the patron or a librarian. */
export const QuestionMessage = z.object({
  id: z.string(),
  author: z.enum(['patron', 'librarian']),
  kind: z.enum(['answer', 'message']),
  text: z.string(),
  at: z.string(),
  /** For a librarian's entry: how the librarian is shown, and their member. */
  librarianName: z.optional(z.string()),
  librarianMember: z.optional(MemberId),
  /** Catalogue records the librarian linked, in their order; empty for a patron's entry. */
  records: z._default(z.array(LinkedRecord), []),
});
export type QuestionMessage = z.infer<typeof QuestionMessage>;

/** A question as its patron sees it (by token). */
export const Question = z.object({
  id: z.string(),
  member: MemberId,
  text: z.string(),
  category: z.optional(QuestionCategory),
  status: QuestionStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Answers and follow-ups, oldest first. */
  messages: z.array(QuestionMessage),
});
export type Question = z.infer<typeof Question>;

/** The librarian who claimed a question. */
export const QuestionClaim = z.object({ librarianId: z.string(), name: z.string(), member: MemberId, at: z.string() });
export type QuestionClaim = z.infer<typeof QuestionClaim>;

/** A question as librarians see it: the patron's details, its routing and who has it. */
export const StaffQuestion = z.extend(Question, {
  patron: QuestionPatron,
  context: z.optional(QuestionContext),
  /** The member whose librarians are offered it first: the home member, or the one it was referred to. */
  queueMember: MemberId,
  /** From this time (UTC) every librarian of the consortium may claim it. */
  openToAllAt: z.string(),
  /** `member`: only the queue member's librarians may claim it yet; `consortium`: anyone may. */
  visibleTo: z.enum(['member', 'consortium']),
  claim: z.optional(QuestionClaim),
  referral: z.optional(z.object({ from: MemberId, by: z.string(), note: z.optional(z.string()), at: z.string() })),
  /** The knowledge base entry made from its answer, once published. */
  kbId: z.optional(z.string()),
});
export type StaffQuestion = z.infer<typeof StaffQuestion>;

/** The query string of `GET /v1/staff/questions`: `status=new,claimed` (or repeated), `limit`. */
export const StaffQuestionListQuery = z.object({
  status: z.optional(queryList(QuestionStatus)),
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(500)), 100),
});
export type StaffQuestionListQuery = z.output<typeof StaffQuestionListQuery>;

export const StaffQuestionList = z.object({ items: z.array(StaffQuestion) });
export type StaffQuestionList = z.infer<typeof StaffQuestionList>;

/**
 * Body of `POST /v1/staff/questions/:id/answer`. `publish` also puts it in the knowledge base,
 * personal data removed; `records` links catalogue records the patron can open from the answer.
 */
export const AnswerRequest = z.object({ text: QuestionText, publish: z.optional(z.boolean()), records: z.optional(LinkedRecordIds) });
export type AnswerRequest = z.infer<typeof AnswerRequest>;

/** Body of `POST /v1/staff/questions/:id/refer`. */
export const ReferRequest = z.object({
  member: MemberId,
  note: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
});
export type ReferRequest = z.infer<typeof ReferRequest>;

/**
 * What a member tells the consortium about its service, so that a librarian elsewhere can
 * answer its patrons well.
 */
export const ServicePolicy = z.object({
  member: MemberId,
  /** Whom the member serves, e.g. "Residents of the city; visitors may read on site". */
  serves: z.string(),
  /** Lending rules in brief. */
  lending: z.string(),
  /** Opening and reference hours in brief. */
  hours: z.string(),
  /** What cooperating librarians should tell this member's patrons. */
  tellPatrons: z.string(),
  /** Where patrons reach the member directly. */
  contact: z.optional(z.object({ email: z.optional(z.string()), phone: z.optional(z.string()), url: z.optional(z.string()) })),
  /** How long a new question waits for the member's own librarians before the whole consortium sees it. */
  questionWaitMinutes: z.number(),
});
export type ServicePolicy = z.infer<typeof ServicePolicy>;

/** A line of a service policy: trimmed, not empty, a paragraph at most. */
const PolicyText = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(2000, 'must be at most 2000 characters'));

/** The longest a member may keep new questions to its own librarians: a week. */
export const MAX_QUESTION_WAIT_MINUTES = 7 * 24 * 60;

/**
 * Body of `PUT /v1/members/:id/policy`: the policy a member publishes (the member is the one in
 * the path). It replaces the published text; `questionWaitMinutes` left out keeps the current wait.
 */
export const ServicePolicyRequest = z.object({
  serves: PolicyText,
  lending: PolicyText,
  hours: PolicyText,
  tellPatrons: PolicyText,
  contact: z.optional(
    z.object({
      email: z.optional(z.string().check(z.trim(), z.email('must be an email address'), z.maxLength(320))),
      phone: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(50, 'must be at most 50 characters'))),
      url: z.optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).check(z.maxLength(2000))),
    }),
  ),
  questionWaitMinutes: z.optional(
    z
      .number()
      .check(
        z.int('must be a whole number of minutes'),
        z.minimum(0, 'must be 0 or more'),
        z.maximum(MAX_QUESTION_WAIT_MINUTES, `must be at most ${MAX_QUESTION_WAIT_MINUTES} (a week)`),
      ),
  ),
});
export type ServicePolicyRequest = z.input<typeof ServicePolicyRequest>;

/** A question with what staff need beside it: the asking member's service policy and who holds the record. */
export const StaffQuestionDetail = z.extend(StaffQuestion, {
  policy: z.nullable(ServicePolicy),
  /** Members whose holdings include the question's record: good places to refer it to. */
  holdingMembers: z.array(MemberId),
});
export type StaffQuestionDetail = z.infer<typeof StaffQuestionDetail>;

/** A published answer, with personal data removed. */
export const KbEntry = z.object({
  id: z.string(),
  /** The member whose patron asked. */
  member: MemberId,
  /** The member whose librarian answered. */
  answeredBy: MemberId,
  category: z.optional(QuestionCategory),
  question: z.string(),
  answer: z.string(),
  recordId: z.optional(RecordId),
  /** The records the published answer links, as in the answer. */
  records: z._default(z.array(LinkedRecord), []),
  publishedAt: z.string(),
});
export type KbEntry = z.infer<typeof KbEntry>;

export const KbId = z.string().check(z.regex(/^kb_[0-9a-f-]{36}$/, 'must be a knowledge base id such as "kb_…"'));

/** The query string of `GET /v1/kb`; a blank `q` lists the newest answers. */
export const KbSearchQuery = z.object({
  q: z._default(z.string().check(z.maxLength(500)), ''),
  member: z.optional(MemberId),
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(50)), 10),
});
export type KbSearchQuery = z.input<typeof KbSearchQuery>;

export const KbSearchResult = z.object({ items: z.array(KbEntry) });
export type KbSearchResult = z.infer<typeof KbSearchResult>;

/** The query string of `GET /v1/staff/ledger`. */
export const LedgerQuery = z.object({
  month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-03')),
  format: z._default(z.enum(['json', 'csv']), 'json'),
});
export type LedgerQuery = z.input<typeof LedgerQuery>;

/** One member's month: what its patrons asked, and what its librarians answered for anyone. */
export const LedgerRow = z.object({
  member: MemberId,
  questionsReceived: z.number(),
  questionsAnswered: z.number(),
  chatsReceived: z.number(),
  chatsAnswered: z.number(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const Ledger = z.object({ month: z.string(), rows: z.array(LedgerRow) });
export type Ledger = z.infer<typeof Ledger>;
