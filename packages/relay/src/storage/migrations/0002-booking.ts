// Booking: branch opening hours, bookable resources with a per-slot count of places taken,
// bookings, lending policies, holds, and the answers kept for Idempotency-Key retries.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function bookingMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('branch_hours')
        .addColumn('member_id', 'text', (col) => col.notNull())
        .addColumn('branch_id', 'text', (col) => col.notNull())
        .addColumn('weekly', 'text', (col) => col.notNull())
        .addColumn('closed', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('branch_hours_pkey', ['member_id', 'branch_id'])
        .addForeignKeyConstraint('branch_hours_branch', ['member_id', 'branch_id'], 'branches', ['member_id', 'id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .execute();

      await db.schema
        .createTable('booking_resources')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
        .addColumn('branch_id', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('name_en', 'text', (col) => col.notNull())
        .addColumn('name_zh', 'text')
        .addColumn('description_en', 'text')
        .addColumn('description_zh', 'text')
        .addColumn('capacity', 'integer', (col) => col.notNull())
        .addColumn('places_per', 'text', (col) => col.notNull())
        .addColumn('max_party_size', 'integer', (col) => col.notNull())
        .addColumn('slot_minutes', 'integer', (col) => col.notNull())
        .addColumn('max_days_ahead', 'integer', (col) => col.notNull())
        .addColumn('max_active_per_patron', 'integer', (col) => col.notNull())
        .addColumn('schedule', 'text')
        .addColumn('record_id', 'text')
        .addColumn('position', 'integer', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('booking_resources_member').on('booking_resources').columns(['member_id', 'kind']).execute();

      // One row per slot that has ever been booked: the guard against giving a place twice is
      // a conditional update of `taken` on this row, which both databases serialize.
      await db.schema
        .createTable('booking_slots')
        .addColumn('resource_id', 'text', (col) => col.notNull().references('booking_resources.id').onDelete('cascade'))
        .addColumn('start_at', 'text', (col) => col.notNull())
        .addColumn('taken', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('booking_slots_pkey', ['resource_id', 'start_at'])
        .execute();

      await db.schema
        .createTable('bookings')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('resource_id', 'text', (col) => col.notNull().references('booking_resources.id').onDelete('cascade'))
        .addColumn('start_at', 'text', (col) => col.notNull())
        .addColumn('end_at', 'text', (col) => col.notNull())
        .addColumn('party_size', 'integer', (col) => col.notNull())
        .addColumn('places', 'integer', (col) => col.notNull())
        .addColumn('patron_name', 'text', (col) => col.notNull())
        .addColumn('patron_email', 'text', (col) => col.notNull())
        .addColumn('patron_member', 'text')
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('token', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('cancelled_at', 'text')
        .execute();
      await db.schema.createIndex('bookings_patron').on('bookings').columns(['patron_email', 'status', 'end_at']).execute();
      await db.schema.createIndex('bookings_slot').on('bookings').columns(['resource_id', 'start_at']).execute();

      await db.schema
        .createTable('lending_policies')
        .addColumn('member_id', 'text', (col) => col.primaryKey().references('members.id').onDelete('cascade'))
        .addColumn('policy', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('holds')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('record_id', 'text', (col) => col.notNull())
        .addColumn('member_id', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('pickup_member', 'text', (col) => col.notNull())
        .addColumn('pickup_branch', 'text', (col) => col.notNull())
        .addColumn('patron_name', 'text', (col) => col.notNull())
        .addColumn('patron_email', 'text', (col) => col.notNull())
        .addColumn('patron_member', 'text')
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('history', 'text', (col) => col.notNull())
        .addColumn('token', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('holds_patron').on('holds').columns(['patron_email', 'member_id', 'status']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (col) => col.notNull())
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('request_hash', 'text', (col) => col.notNull())
        .addColumn('status', 'integer', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pkey', ['scope', 'key'])
        .execute();
    },
  };
}
