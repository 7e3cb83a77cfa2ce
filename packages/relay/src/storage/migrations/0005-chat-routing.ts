// Chat routing: how long each member keeps a waiting chat to itself before the consortium may
// answer, how many chats a librarian takes at once, and whose queue a conversation is in.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function chatRoutingMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('members')
        .addColumn('chat_wait_seconds', 'integer', (col) => col.notNull().defaultTo(30))
        .execute();
      await db.schema
        .alterTable('librarians')
        .addColumn('chat_capacity', 'integer', (col) => col.notNull().defaultTo(3))
        .execute();
      // SQLite adds one column per ALTER TABLE statement.
      for (const column of ['queue_member', 'queued_at', 'transfer_from_name', 'transfer_from_member', 'transfer_note']) {
        await db.schema.alterTable('conversations').addColumn(column, 'text').execute();
      }
      // Conversations from before routing wait in their home member's queue since they began.
      await db
        .updateTable('conversations')
        .set((eb) => ({ queue_member: eb.ref('member'), queued_at: eb.ref('created_at') }))
        .execute();
      await db.schema.createIndex('conversations_routing').on('conversations').columns(['status', 'queued_at']).execute();
      // The wait estimate reads the most recently accepted conversations.
      await db.schema.createIndex('conversations_accepted').on('conversations').column('accepted_at').execute();
    },
  };
}
