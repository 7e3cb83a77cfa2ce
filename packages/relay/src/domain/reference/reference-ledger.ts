// The monthly ledger: per member, questions and chats its patrons started and those its
// librarians answered (for anyone), so a consortium sees who carries the load.
import type { Ledger } from '@atrium/sdk';
import type { ReferenceQueries } from '../../storage/reference-store.js';

export const LEDGER_CSV_HEADER = 'month,member,questions_received,questions_answered,chats_received,chats_answered';

export class ReferenceLedger {
  constructor(private readonly store: ReferenceQueries) {}

  /** `month` is YYYY-MM, in UTC. */
  async month(month: string): Promise<Ledger> {
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const from = new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString();
    const to = new Date(Date.UTC(year, monthNumber, 1)).toISOString();
    const [members, counts] = await Promise.all([this.store.memberIds(), this.store.ledgerCounts(from, to)]);
    const rows = members.map((member) => ({
      member,
      questionsReceived: counts.questionsReceived.get(member) ?? 0,
      questionsAnswered: counts.questionsAnswered.get(member) ?? 0,
      chatsReceived: counts.chatsReceived.get(member) ?? 0,
      chatsAnswered: counts.chatsAnswered.get(member) ?? 0,
    }));
    return { month, rows };
  }
}

/** One line per member; member ids need no quoting (lower-case letters, digits and hyphens). */
export function ledgerCsv(ledger: Ledger): string {
  const lines = ledger.rows.map((row) =>
    [ledger.month, row.member, row.questionsReceived, row.questionsAnswered, row.chatsReceived, row.chatsAnswered].join(','),
  );
  return `${[LEDGER_CSV_HEADER, ...lines].join('\r\n')}\r\n`;
}
