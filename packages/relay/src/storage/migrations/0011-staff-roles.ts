// Staff roles (librarian, member administrator, consortium administrator), accounts without a
// member (a consortium administrator need not belong to one), one-time links that set a
// password, and the audit log of configuration changes.
import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function staffRolesMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') {
        await sql`alter table librarians alter column member drop not null`.execute(db);
        await db.schema
          .alterTable('librarians')
          .addColumn('role', 'text', (col) => col.notNull().defaultTo('librarian'))
          .execute();
      } else {
        await rebuildSqliteLibrarians(db);
      }

      await db.schema
        .createTable('staff_links')
        // A SHA-256 of the token: the database never holds a link that works.
        .addColumn('token_hash', 'text', (col) => col.primaryKey())
        .addColumn('librarian_id', 'text', (col) => col.notNull().references('librarians.id'))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('staff_links_librarian').on('staff_links').column('librarian_id').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (col) => col.primaryKey())
        // Millisecond UTC ISO time; with the id it orders the log and pages it.
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('actor', 'text', (col) => col.notNull())
        .addColumn('actor_email', 'text')
        // No foreign key: the log outlives what it describes, members included.
        .addColumn('member', 'text')
        .addColumn('object_type', 'text', (col) => col.notNull())
        .addColumn('object_id', 'text', (col) => col.notNull())
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
      await db.schema.createIndex('audit_log_order').on('audit_log').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_log_member').on('audit_log').columns(['member', 'at', 'id']).execute();
    },
  };
}

/**
 * SQLite cannot drop NOT NULL from a column, so the table is rebuilt. Inside the migration's
 * transaction with foreign keys deferred, the rows referring to librarians (conversations,
 * presence) are checked only at commit, when every librarian is back under the same id.
 */
async function rebuildSqliteLibrarians(db: Kysely<any>): Promise<void> {
  await sql`pragma defer_foreign_keys = on`.execute(db);
  await sql`create table librarians_copy as select * from librarians`.execute(db);
  await sql`drop table librarians`.execute(db);
  await db.schema
    .createTable('librarians')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('member', 'text', (col) => col.references('members.id'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_key', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('disabled', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('chat_capacity', 'integer', (col) => col.notNull().defaultTo(3))
    .addColumn('role', 'text', (col) => col.notNull().defaultTo('librarian'))
    .execute();
  await sql`
    insert into librarians (id, member, email, email_key, name, password_hash, created_at, disabled, chat_capacity, role)
    select id, member, email, email_key, name, password_hash, created_at, disabled, chat_capacity, 'librarian' from librarians_copy`.execute(
    db,
  );
  await sql`drop table librarians_copy`.execute(db);
  await db.schema.createIndex('librarians_member').on('librarians').columns(['member', 'email_key']).execute();
}
