// Live consultation: conversations with their seq counter, messages, read receipts and
// librarian presence, kept in the database so every relay node sees the same queue.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function chatMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('member', 'text', (col) => col.notNull().references('members.id'))
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('patron_session', 'text', (col) => col.notNull())
        .addColumn('librarian_id', 'text', (col) => col.references('librarians.id'))
        .addColumn('librarian_name', 'text')
        .addColumn('librarian_member', 'text')
        .addColumn('context', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('ended_by', 'text')
        .addColumn('next_seq', 'integer', (col) => col.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('conversations_queue').on('conversations').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('conversations_session').on('conversations').columns(['patron_session', 'status']).execute();
      await db.schema.createIndex('conversations_librarian').on('conversations').columns(['librarian_id', 'status']).execute();

      await db.schema
        .createTable('chat_messages')
        .addColumn('conversation_id', 'text', (col) => col.notNull().references('conversations.id'))
        .addColumn('seq', 'integer', (col) => col.notNull())
        .addColumn('client_id', 'text', (col) => col.notNull())
        .addColumn('sender_role', 'text', (col) => col.notNull())
        .addColumn('sender_name', 'text')
        .addColumn('sender_member', 'text')
        .addColumn('text', 'text', (col) => col.notNull())
        .addColumn('ts', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('chat_messages_pk', ['conversation_id', 'seq'])
        // A resent message (same sender, same clientId) can never be stored twice.
        .addUniqueConstraint('chat_messages_client_id', ['conversation_id', 'sender_role', 'client_id'])
        .execute();

      await db.schema
        .createTable('chat_reads')
        .addColumn('conversation_id', 'text', (col) => col.notNull().references('conversations.id'))
        .addColumn('side', 'text', (col) => col.notNull())
        .addColumn('seq', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('chat_reads_pk', ['conversation_id', 'side'])
        .execute();

      await db.schema
        .createTable('librarian_presence')
        .addColumn('librarian_id', 'text', (col) => col.primaryKey().references('librarians.id'))
        .addColumn('member', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
    },
  };
}
