// Tells a patron by email that their question has an answer or a new reply, when they left an
// address and the relay has a mailer. Sending happens after the answer is stored and never
// holds it up: a failure is logged, and the patron still finds the answer by their link.
import type { Mailer } from './mailer.js';

export interface NotifierLog {
  warn(details: object, message: string): void;
}

export interface QuestionNotice {
  kind: 'answer' | 'message';
  questionId: string;
  token: string;
  question: string;
  patronName: string | null;
  patronEmail: string;
  memberName: string;
  librarianName: string;
  text: string;
  /** Catalogue records the librarian linked: their titles, and whose they are. */
  records?: ReadonlyArray<{ title: string; memberName: string }>;
  /** The partner page the question was asked from. */
  pageUrl?: string;
}

const EXCERPT = 400;

export class QuestionNotifier {
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly mailer: Mailer | undefined,
    private readonly options: { publicUrl?: string | undefined; log: NotifierLog },
  ) {}

  get enabled(): boolean {
    return this.mailer !== undefined;
  }

  /** Starts sending; resolves at once. `settled()` waits for every send in flight. */
  notify(notice: QuestionNotice): void {
    const mailer = this.mailer;
    if (!mailer) return;
    const sending = mailer
      .send({ to: notice.patronEmail, subject: this.subject(notice), text: this.body(notice) })
      .catch((error: unknown) =>
        this.options.log.warn({ err: error, questionId: notice.questionId }, 'could not email the patron about their question'),
      )
      .finally(() => this.#pending.delete(sending));
    this.#pending.add(sending);
  }

  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async close(): Promise<void> {
    await this.settled();
    await this.mailer?.close();
  }

  private subject(notice: QuestionNotice): string {
    return notice.kind === 'answer'
      ? `Your question to ${notice.memberName} has been answered`
      : `New reply to your question to ${notice.memberName}`;
  }

  private body(notice: QuestionNotice): string {
    const question = notice.question.length > EXCERPT ? `${notice.question.slice(0, EXCERPT)}…` : notice.question;
    const lines = [
      notice.patronName ? `Hello ${notice.patronName},` : 'Hello,',
      '',
      notice.kind === 'answer' ? `${notice.librarianName} answered your question:` : `${notice.librarianName} replied about your question:`,
      '',
      ...question.split('\n').map((line) => `> ${line}`),
      '',
      notice.text,
      '',
    ];
    const records = notice.records ?? [];
    if (records.length > 0) {
      // Titles only: the patron opens the records from the conversation, where each is a link.
      lines.push(
        records.length === 1 ? 'The librarian pointed you to this record:' : 'The librarian pointed you to these records:',
        ...records.map((record) => `- ${record.title} (${record.memberName})`),
        '',
      );
    }
    const base = this.options.publicUrl?.replace(/\/+$/, '');
    if (notice.pageUrl) {
      // The page the patron asked from has the widget: its Ask tab opens the question from this link.
      const page = notice.pageUrl.split('#')[0];
      lines.push(
        'Read the whole conversation and reply on the page where you asked (open its Ask tab):',
        `${page}#atrium-question=${encodeURIComponent(notice.questionId)}/${encodeURIComponent(notice.token)}`,
        'Keep this link to yourself: anyone who has it can read your question.',
        '',
      );
    } else if (base) {
      lines.push(
        'Read the whole conversation and reply here:',
        `${base}/v1/questions/${encodeURIComponent(notice.questionId)}?token=${encodeURIComponent(notice.token)}`,
        'Keep this link to yourself: anyone who has it can read your question.',
        '',
      );
    } else {
      lines.push('Open the "Ask a librarian" tab where you asked to read the whole conversation and reply.', '');
    }
    lines.push(`— ${notice.memberName}`);
    return lines.join('\n');
  }
}
