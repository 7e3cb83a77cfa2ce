// Migrations live in code, not in files read at run time, so the compiled relay carries them.
// Names sort in the order they run; a migration, once released, never changes.
import type { Migration, MigrationProvider } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';
import { catalogMigration } from './0001-catalog.js';
import { bookingMigration } from './0002-booking.js';
import { staffMigration } from './0003-staff.js';
import { chatMigration } from './0004-chat.js';
import { chatRoutingMigration } from './0005-chat-routing.js';
import { chatSafetyMigration } from './0006-chat-safety.js';
import { referenceMigration } from './0007-reference.js';
import { cannedResponsesMigration } from './0008-canned-responses.js';
import { linkedRecordsMigration } from './0009-linked-records.js';
import { searchColumnsMigration } from './0010-search-columns.js';
import { staffRolesMigration } from './0011-staff-roles.js';
import { consortiumMigration } from './0012-consortium.js';
import { harvestsMigration } from './0013-harvests.js';
import { loginThrottleMigration } from './0014-login-throttle.js';

export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001-catalog': catalogMigration(dialect),
        '0002-booking': bookingMigration(dialect),
        '0003-staff': staffMigration(dialect),
        '0004-chat': chatMigration(dialect),
        '0005-chat-routing': chatRoutingMigration(dialect),
        '0006-chat-safety': chatSafetyMigration(dialect),
        '0007-reference': referenceMigration(dialect),
        '0008-canned-responses': cannedResponsesMigration(dialect),
        '0009-linked-records': linkedRecordsMigration(dialect),
        '0010-search-columns': searchColumnsMigration(dialect),
        '0011-staff-roles': staffRolesMigration(dialect),
        '0012-consortium': consortiumMigration(dialect),
        '0013-harvests': harvestsMigration(dialect),
        '0014-login-throttle': loginThrottleMigration(dialect),
      };
    },
  };
}
