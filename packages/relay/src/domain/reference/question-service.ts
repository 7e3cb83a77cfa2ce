// Patrons' questions and the staff queue: asking and following up by token, routing (the home
// member first, the whole consortium after the member's wait, referral to another member),
// the atomic claim, answers (optionally published to the knowledge base, and linking catalogue
// records) and closing.
import { randomUUID } from 'node:crypto';
import type {
  Librarian,
  Question,
  QuestionCategory,
  QuestionContext,
  QuestionCreated,
  QuestionMessage,
  QuestionRequest,
  QuestionStatus,
  StaffQuestion,
  StaffQuestionDetail,
} from '@atrium/sdk';
import type { DeskLibrarian } from '../staff/librarian.js';
import type { CatalogStore } from '../../storage/catalog-store.js';
import type { LinkedRecordRow, QuestionMessageRow, QuestionRow, ReferenceStore } from '../../storage/reference-store.js';
import { newToken, sameToken } from '../booking/booking-service.js';
import { type Outcome, type RequestContext, runOnce } from '../idempotency/idempotent-request.js';
import { KnowledgeBase } from './knowledge-base.js';
import { resolveLinkedRecords, toLinkedRecord } from './linked-records.js';
import type { QuestionNotifier } from './question-notifier.js';
import { QuestionRefusal } from './question-refusal.js';
import { ServicePolicies } from './service-policies.js';

export interface NewQuestion {
  member: string;
  text: string;
  patron: { name?: string | undefined; email?: string | undefined };
  category?: QuestionCategory | undefined;
  context?: QuestionContext | undefined;
}

export interface AskContext extends RequestContext {
  /**
   * Runs just before a new question is stored, never for a retry answered from its
   * Idempotency-Key: the rate limit. What it throws stores nothing and releases the key.
   */
  admit?: () => Promise<void>;
}

export class QuestionService {
  readonly kb: KnowledgeBase;
  readonly policies: ServicePolicies;

  constructor(
    private readonly store: ReferenceStore,
    private readonly catalog: CatalogStore,
    private readonly notifier: QuestionNotifier,
  ) {
    this.kb = new KnowledgeBase(store);
    this.policies = new ServicePolicies(store);
  }

  /**
   * Files a patron's question. With an Idempotency-Key, a retry of the same request gets the
   * first answer (the same id and token) instead of a second question; the same key with
   * another request is refused (422 `idempotency_key_reused`).
   */
  async ask(request: NewQuestion | QuestionRequest, context: AskContext = { requestId: 'internal' }): Promise<Outcome<QuestionCreated>> {
    // An unknown member is refused before anything is claimed or counted; it never changes on a retry.
    const waitSeconds = await this.store.questionWaitSeconds(request.member);
    if (waitSeconds === undefined) throw unknownMember(request.member);
    const now = new Date();
    return runOnce({ store: this.store, scope: 'questions', refusal: QuestionRefusal, request, context, now }, async (queries) => {
      await context.admit?.();
      const row = newQuestionRow(request, now, waitSeconds);
      await queries.insertQuestion(row);
      return { id: row.id, token: row.token, status: 'new' as const };
    });
  }

  /** The question for the patron holding its token; a wrong token reads as not found. */
  async getForPatron(id: string, token: string): Promise<Question> {
    const row = await this.#own(id, token);
    return patronView(row, await this.#thread(id));
  }

  /** A follow-up from the patron; an answered question goes back to the librarian who has it. */
  async patronFollowUp(id: string, token: string, text: string): Promise<Question> {
    const row = await this.#own(id, token);
    if (row.status === 'closed') throw closed(id);
    const now = new Date().toISOString();
    await this.store.transaction(async (queries) => {
      await queries.addMessage(message(id, 'patron', 'message', text, now));
      const status = row.status === 'answered' ? 'claimed' : row.status;
      await queries.updateQuestion(id, { status, updated_at: now });
    });
    return this.getForPatron(id, token);
  }

  /** The questions a librarian may see, oldest first. */
  async listForStaff(librarian: DeskLibrarian, statuses: readonly QuestionStatus[] | undefined, limit: number): Promise<StaffQuestion[]> {
    const now = new Date().toISOString();
    const rows = await this.store.listForStaff({ member: librarian.member, now, limit, ...(statuses ? { statuses } : {}) });
    const threads = await this.store.messagesOf(rows.map((row) => row.id));
    const linked = await this.store.recordsOfMessages([...threads.values()].flat().map((message) => message.id));
    return rows.map((row) => staffView(row, toMessages(threads.get(row.id) ?? [], linked), now));
  }

  /** One question with the asking member's service policy and the members holding its record. */
  async getForStaff(librarian: DeskLibrarian, id: string): Promise<StaffQuestionDetail> {
    const now = new Date().toISOString();
    const row = await this.#visible(librarian, id, now);
    const context = parseContext(row.context);
    const record = context?.recordId ? await this.catalog.getRecord(context.recordId) : undefined;
    const holdingMembers = [...new Set((record?.holdings ?? []).map((holding) => holding.member))];
    return {
      ...staffView(row, await this.#thread(id), now),
      policy: await this.policies.get(row.member),
      holdingMembers,
    };
  }

  /** Gives the question to this librarian; of several claiming at once exactly one succeeds. */
  async claim(librarian: DeskLibrarian, id: string): Promise<StaffQuestion> {
    const now = new Date().toISOString();
    const row = await this.#visible(librarian, id, now);
    const won = await this.store.claim(id, { id: librarian.id, name: librarian.name, member: librarian.member }, now);
    if (!won) {
      const current = (await this.store.getQuestion(id)) ?? row;
      if (current.status !== 'new') {
        const by = current.claimed_by_name ? ` by ${current.claimed_by_name} (${current.claimed_by_member})` : '';
        throw new QuestionRefusal(409, 'already_claimed', `Question ${id} is already ${current.status}${by}.`);
      }
      throw new QuestionRefusal(
        403,
        'not_open_to_you',
        `Question ${id} is offered to ${current.queue_member}'s librarians until ${current.open_to_all_at}; refer it or wait.`,
      );
    }
    return this.#staffQuestion(id);
  }

  /**
   * The claimant's member answers; `publish` also puts question and answer, scrubbed, in the
   * knowledge base. `recordIds` links catalogue records: one the catalogue does not have refuses
   * the whole answer (422 `unknown_record`), and nothing is stored or sent.
   */
  async answer(
    librarian: DeskLibrarian,
    id: string,
    text: string,
    publish = false,
    recordIds: readonly string[] = [],
  ): Promise<StaffQuestion> {
    const row = await this.#held(librarian, id);
    const records = await resolveLinkedRecords(this.catalog, recordIds);
    const now = new Date().toISOString();
    await this.store.transaction(async (queries) => {
      const added = message(id, 'librarian', 'answer', text, now, librarian);
      await queries.addMessage(added);
      await queries.linkRecordsToMessage(added.id, records);
      const changes: Partial<QuestionRow> = { status: 'answered', updated_at: now };
      if (!row.answered_at) Object.assign(changes, { answered_at: now, answered_by_member: librarian.member });
      if (publish) changes.kb_id = (await this.kb.publish(row, text, librarian.member, queries, records)).id;
      // A referral in the meantime took the question away: the answer (and its publication) is undone.
      if (!(await queries.updateQuestion(id, changes, { claimed_by_member: librarian.member }))) throw moved(id);
    });
    await this.#notify(row, 'answer', text, librarian, records);
    return this.#staffQuestion(id);
  }

  /** A follow-up from the librarian who has the question (or a colleague of the same member), linking records as an answer does. */
  async librarianFollowUp(librarian: DeskLibrarian, id: string, text: string, recordIds: readonly string[] = []): Promise<StaffQuestion> {
    const row = await this.#held(librarian, id);
    const records = await resolveLinkedRecords(this.catalog, recordIds);
    const now = new Date().toISOString();
    await this.store.transaction(async (queries) => {
      const added = message(id, 'librarian', 'message', text, now, librarian);
      await queries.addMessage(added);
      await queries.linkRecordsToMessage(added.id, records);
      if (!(await queries.updateQuestion(id, { updated_at: now }, { claimed_by_member: librarian.member }))) throw moved(id);
    });
    await this.#notify(row, 'message', text, librarian, records);
    return this.#staffQuestion(id);
  }

  /** Sends a new or claimed question to another member's queue, where its wait starts again. */
  async refer(librarian: DeskLibrarian, id: string, member: string, note: string | undefined): Promise<StaffQuestion> {
    const now = new Date();
    const row = await this.#visible(librarian, id, now.toISOString());
    if (row.status !== 'new' && row.status !== 'claimed') {
      throw new QuestionRefusal(409, 'cannot_refer', `Question ${id} is ${row.status}; only new or claimed questions can be referred.`);
    }
    if (row.status === 'claimed' && row.claimed_by_member !== librarian.member) {
      throw new QuestionRefusal(409, 'already_claimed', `Question ${id} is claimed by ${row.claimed_by_name} (${row.claimed_by_member}).`);
    }
    if (member === row.queue_member) {
      throw new QuestionRefusal(422, 'already_there', `Question ${id} is already in ${member}'s queue.`);
    }
    const waitSeconds = await this.store.questionWaitSeconds(member);
    if (waitSeconds === undefined) throw unknownMember(member);
    const moved = await this.store.updateQuestion(
      id,
      {
        ...queuedIn(member, now, waitSeconds),
        referred_from: librarian.member,
        referred_by: librarian.name,
        referral_note: note && note.length > 0 ? note : null,
        referred_at: now.toISOString(),
        updated_at: now.toISOString(),
      },
      { status: row.status },
    );
    if (!moved) throw new QuestionRefusal(409, 'changed', `Question ${id} changed while it was being referred; look again.`);
    return this.#staffQuestion(id);
  }

  /** Closes the question: the claimant's member, the home member or the queue member may. */
  async close(librarian: DeskLibrarian, id: string): Promise<StaffQuestion> {
    const now = new Date().toISOString();
    const row = await this.#visible(librarian, id, now);
    if (row.status === 'closed') throw closed(id);
    const mayClose = [row.claimed_by_member, row.member, row.queue_member].includes(librarian.member);
    if (!mayClose)
      throw new QuestionRefusal(
        403,
        'forbidden',
        `Only librarians of ${row.member}, ${row.queue_member} or the claimant's member can close question ${id}.`,
      );
    await this.store.updateQuestion(id, { status: 'closed', closed_at: now, updated_at: now }, { status: row.status });
    return this.#staffQuestion(id);
  }

  async #own(id: string, token: string): Promise<QuestionRow> {
    const row = await this.store.getQuestion(id);
    if (!row || !sameToken(row.token, token)) throw notFound(id);
    return row;
  }

  async #visible(librarian: DeskLibrarian, id: string, now: string): Promise<QuestionRow> {
    const row = await this.store.getQuestion(id);
    if (!row) throw new QuestionRefusal(404, 'question_not_found', `No question ${id}.`);
    const member = librarian.member;
    const visible =
      row.queue_member === member ||
      row.member === member ||
      row.claimed_by_member === member ||
      (row.status === 'new' && row.open_to_all_at <= now);
    if (!visible) {
      throw new QuestionRefusal(
        403,
        'not_open_to_you',
        `Question ${id} is offered to ${row.queue_member}'s librarians until ${row.open_to_all_at}.`,
      );
    }
    return row;
  }

  /** A question the librarian's member has claimed and not closed. */
  async #held(librarian: DeskLibrarian, id: string): Promise<QuestionRow> {
    const row = await this.#visible(librarian, id, new Date().toISOString());
    if (row.status === 'closed') throw closed(id);
    if (row.status === 'new') throw new QuestionRefusal(409, 'not_claimed', `Claim question ${id} before answering it.`);
    if (row.claimed_by_member !== librarian.member) {
      throw new QuestionRefusal(409, 'already_claimed', `Question ${id} is claimed by ${row.claimed_by_name} (${row.claimed_by_member}).`);
    }
    return row;
  }

  async #staffQuestion(id: string): Promise<StaffQuestion> {
    const row = (await this.store.getQuestion(id))!;
    return staffView(row, await this.#thread(id), new Date().toISOString());
  }

  /** A question's answers and follow-ups, oldest first, with the records each links. */
  async #thread(id: string): Promise<QuestionMessage[]> {
    const rows = await this.store.messages(id);
    return toMessages(rows, await this.store.recordsOfMessages(rows.map((row) => row.id)));
  }

  async #notify(
    row: QuestionRow,
    kind: 'answer' | 'message',
    text: string,
    librarian: DeskLibrarian,
    records: readonly LinkedRecordRow[],
  ): Promise<void> {
    if (!row.patron_email || !this.notifier.enabled) return;
    const members = await this.catalog.listMembers();
    const nameOf = (id: string) => members.find((candidate) => candidate.id === id)?.name.en ?? id;
    const member = members.find((candidate) => candidate.id === row.member);
    this.notifier.notify({
      kind,
      questionId: row.id,
      token: row.token,
      question: row.text,
      patronName: row.patron_name,
      patronEmail: row.patron_email,
      memberName: member?.name.en ?? row.member,
      librarianName: librarian.name,
      text,
      records: records.map((record) => ({ title: record.title, memberName: nameOf(record.member) })),
      ...(pageOf(row) ? { pageUrl: pageOf(row)! } : {}),
    });
  }
}

/** A question waiting, unclaimed, in `member`'s queue: offered to the whole consortium after the member's wait. */
function queuedIn(member: string, now: Date, waitSeconds: number) {
  return {
    status: 'new',
    queue_member: member,
    queued_at: now.toISOString(),
    open_to_all_at: new Date(now.getTime() + waitSeconds * 1000).toISOString(),
    claimed_by_id: null,
    claimed_by_name: null,
    claimed_by_member: null,
    claimed_at: null,
  } as const;
}

/** A new question in its home member's queue, offered to the consortium after the member's wait. */
function newQuestionRow(request: NewQuestion | QuestionRequest, now: Date, waitSeconds: number): QuestionRow {
  return {
    id: `qs_${randomUUID()}`,
    member: request.member,
    text: request.text,
    category: request.category ?? null,
    patron_name: request.patron?.name ?? null,
    patron_email: request.patron?.email ?? null,
    context: request.context && Object.keys(request.context).length > 0 ? JSON.stringify(request.context) : null,
    token: newToken(),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    ...queuedIn(request.member, now, waitSeconds),
    answered_at: null,
    answered_by_member: null,
    closed_at: null,
    referred_from: null,
    referred_by: null,
    referral_note: null,
    referred_at: null,
    kb_id: null,
  };
}

/** The partner page the patron asked from, if they gave it: the widget there opens the question from a link. */
function pageOf(row: QuestionRow): string | undefined {
  if (!row.context) return undefined;
  try {
    const pageUrl = (JSON.parse(row.context) as { pageUrl?: unknown }).pageUrl;
    return typeof pageUrl === 'string' && /^https?:\/\//.test(pageUrl) ? pageUrl : undefined;
  } catch {
    return undefined;
  }
}

function message(
  questionId: string,
  author: 'patron' | 'librarian',
  kind: 'answer' | 'message',
  text: string,
  at: string,
  librarian?: Librarian,
) {
  return {
    id: `qm_${randomUUID()}`,
    question_id: questionId,
    author,
    kind,
    text,
    librarian_id: librarian?.id ?? null,
    librarian_name: librarian?.name ?? null,
    librarian_member: librarian?.member ?? null,
    created_at: at,
  };
}

function parseContext(context: string | null): QuestionContext | undefined {
  return context ? (JSON.parse(context) as QuestionContext) : undefined;
}

function toMessages(rows: readonly QuestionMessageRow[], linked: ReadonlyMap<string, readonly LinkedRecordRow[]>): QuestionMessage[] {
  return rows.map((row) => ({
    id: row.id,
    author: row.author as QuestionMessage['author'],
    kind: row.kind as QuestionMessage['kind'],
    text: row.text,
    at: row.created_at,
    ...(row.librarian_name ? { librarianName: row.librarian_name } : {}),
    ...(row.librarian_member ? { librarianMember: row.librarian_member } : {}),
    records: (linked.get(row.id) ?? []).map(toLinkedRecord),
  }));
}

function patronView(row: QuestionRow, messages: QuestionMessage[]): Question {
  return {
    id: row.id,
    member: row.member,
    text: row.text,
    ...(row.category ? { category: row.category as QuestionCategory } : {}),
    status: row.status as QuestionStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messages,
  };
}

function staffView(row: QuestionRow, messages: QuestionMessage[], now: string): StaffQuestion {
  const context = parseContext(row.context);
  return {
    ...patronView(row, messages),
    patron: { ...(row.patron_name ? { name: row.patron_name } : {}), ...(row.patron_email ? { email: row.patron_email } : {}) },
    ...(context ? { context } : {}),
    queueMember: row.queue_member,
    openToAllAt: row.open_to_all_at,
    visibleTo: row.open_to_all_at <= now ? 'consortium' : 'member',
    ...(row.claimed_by_id
      ? {
          claim: {
            librarianId: row.claimed_by_id,
            name: row.claimed_by_name ?? '',
            member: row.claimed_by_member ?? '',
            at: row.claimed_at ?? '',
          },
        }
      : {}),
    ...(row.referred_from
      ? {
          referral: {
            from: row.referred_from,
            by: row.referred_by ?? '',
            ...(row.referral_note ? { note: row.referral_note } : {}),
            at: row.referred_at ?? '',
          },
        }
      : {}),
    ...(row.kb_id ? { kbId: row.kb_id } : {}),
  };
}

function notFound(id: string): QuestionRefusal {
  return new QuestionRefusal(404, 'question_not_found', `No question ${id} with this token.`);
}

function unknownMember(member: string): QuestionRefusal {
  return new QuestionRefusal(422, 'unknown_member', `member: no member "${member}" in this consortium.`);
}

function moved(id: string): QuestionRefusal {
  return new QuestionRefusal(409, 'changed', `Question ${id} was referred elsewhere meanwhile; look again.`);
}

function closed(id: string): QuestionRefusal {
  return new QuestionRefusal(409, 'question_closed', `Question ${id} is closed.`);
}
