// The knowledge base: published answers, stripped of personal data, searched with the
// catalogue's text engine (folding, Simplified/Traditional, CJK pairs) on both databases.
import { randomUUID } from 'node:crypto';
import type { KbEntry, QuestionCategory } from '@atrium/sdk';
import { kbMatch } from '../../storage/kb-search.js';
import type { KbEntryRow, LinkedRecordRow, QuestionRow, ReferenceQueries } from '../../storage/reference-store.js';
import { toLinkedRecord } from './linked-records.js';
import { scrubPersonalData } from './personal-data.js';
import { QuestionRefusal } from './question-refusal.js';

export class KnowledgeBase {
  constructor(private readonly store: ReferenceQueries) {}

  /**
   * Stores the question with this answer and the records it links (replacing an earlier
   * publication of the same question). Record titles are catalogue data: kept, never scrubbed.
   */
  async publish(
    question: QuestionRow,
    answer: string,
    answeredBy: string,
    queries: ReferenceQueries = this.store,
    records: readonly LinkedRecordRow[] = [],
  ): Promise<KbEntry> {
    const name = question.patron_name ?? undefined;
    const titles = records.map((record) => record.title);
    const context = question.context ? (JSON.parse(question.context) as { recordId?: string }) : {};
    const row = await queries.upsertKbEntry({
      id: `kb_${randomUUID()}`,
      question_id: question.id,
      member: question.member,
      answered_by: answeredBy,
      category: question.category,
      question: scrubPersonalData(question.text, name, titles),
      answer: scrubPersonalData(answer, name, titles),
      record_id: context.recordId ?? null,
      published_at: new Date().toISOString(),
    });
    await queries.setKbEntryRecords(row.id, records);
    return toKbEntry(row, records);
  }

  async search(q: string, member: string | undefined, limit: number): Promise<KbEntry[]> {
    const rows = await this.store.searchKb(kbMatch(q), member, limit);
    const linked = await this.store.recordsOfKbEntries(rows.map((row) => row.id));
    return rows.map((row) => toKbEntry(row, linked.get(row.id) ?? []));
  }

  async get(id: string): Promise<KbEntry> {
    const row = await this.store.getKbEntry(id);
    if (!row) throw new QuestionRefusal(404, 'kb_entry_not_found', `No knowledge base entry ${id}.`);
    const linked = await this.store.recordsOfKbEntries([row.id]);
    return toKbEntry(row, linked.get(row.id) ?? []);
  }
}

function toKbEntry(row: KbEntryRow, records: readonly LinkedRecordRow[]): KbEntry {
  return {
    id: row.id,
    member: row.member,
    answeredBy: row.answered_by,
    ...(row.category ? { category: row.category as QuestionCategory } : {}),
    question: row.question,
    answer: row.answer,
    ...(row.record_id ? { recordId: row.record_id } : {}),
    records: records.map(toLinkedRecord),
    publishedAt: row.published_at,
  };
}
