// `atrium-relay chat purge|retention`: transcript retention from the command line, for a
// cron job or an operator (a running relay also purges at start and every hour).
import { ChatRetention } from '../domain/chat/chat-retention.js';
import { DEFAULT_CHAT_RETENTION_DAYS } from '../storage/migrations/0006-chat-safety.js';
import type { Storage } from '../storage/index.js';
import { ChatRetentionStore } from '../storage/chat-retention-store.js';

export const CHAT_USAGE = `Usage: atrium-relay chat purge [--database URL]
       atrium-relay chat retention [--member ID --days N] [--database URL]

  purge            Erase every conversation (messages, read marks, rating) that ended longer
                   ago than its member keeps transcripts, and those left open that long
  retention        Show how many days each member keeps transcripts, or set it with
                   --member and --days (default ${DEFAULT_CHAT_RETENTION_DAYS})
  --member ID      The member to set (e.g. riverside-library)
  --days N         Whole days, at least 1
  --database URL   sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)`;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export async function chatPurge(storage: Storage, output: Output = process): Promise<number> {
  const summary = await new ChatRetention(new ChatRetentionStore(storage.db, storage.dialect)).purge();
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  output.stdout.write(
    `Removed ${plural(summary.conversations, 'conversation')} (${plural(summary.messages, 'message')}) past their member's retention period.\n`,
  );
  for (const member of summary.members) output.stdout.write(`  ${member.member}: ${plural(member.conversations, 'conversation')}\n`);
  return 0;
}

/** Exit code 0 when shown or set; 2 for days to correct; 1 for an unknown member. */
export async function chatRetention(
  storage: Storage,
  options: { member?: string | undefined; days?: string | undefined },
  output: Output = process,
): Promise<number> {
  const store = new ChatRetentionStore(storage.db, storage.dialect);
  if (options.member === undefined && options.days === undefined) {
    for (const { member, days } of await store.retentionDays()) output.stdout.write(`${member}\t${days} days\n`);
    return 0;
  }
  const days = Number(options.days);
  if (options.member === undefined || options.days === undefined || !/^\d+$/.test(options.days) || days < 1) {
    output.stderr.write(
      options.member === undefined ? '--member: is required with --days\n' : '--days: must be a whole number of days, at least 1\n',
    );
    return 2;
  }
  if (!(await new ChatRetention(store).setRetentionDays(options.member, days))) {
    output.stderr.write(`There is no member "${options.member}" in this consortium.\n`);
    return 1;
  }
  output.stdout.write(`${options.member} now keeps chat transcripts for ${days} days after they end.\n`);
  return 0;
}
