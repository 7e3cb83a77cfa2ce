// Copies from a member's MARC export, on SQLite and PostgreSQL: Koha's 952 items and MARC 21's
// 852 become holdings at the member's branches (by branch id or name), with call number, status
// and due date; a branch code the member does not have is kept and reported with its count; the
// record answers holdable as its copies allow, and a patron can hold it for pickup over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LendingPolicy } from '../src/domain/booking/lending-policy.js';
import { runImport, type ImportResult } from '../src/importers/run-import.js';
import { SqlBookingStore } from '../src/storage/booking-store.js';
import type { MemberInput } from '../src/storage/index.js';
import { type StartedRelay, testDatabases } from './helpers/databases.js';

const LIBRARY = 'riverside-library';
const FIXTURE = new URL('./fixtures/marc/koha-items.xml', import.meta.url).pathname;
const MEMBER: MemberInput = {
  id: LIBRARY,
  name: { en: 'Riverside Library' },
  kind: 'public-library',
  timezone: 'Europe/London',
  branches: [
    { id: 'central', name: { en: 'Central Library' } },
    { id: 'north', name: { en: 'North Branch' } },
  ],
};
const POLICY: LendingPolicy = { lends: ['book'], lendsTo: 'everyone', maxActiveHolds: 5, pickup: 'any-member' };

for (const database of await testDatabases()) {
  describe(`copies from MARC item fields on ${database.name}`, { skip: database.skip }, () => {
    let started: StartedRelay;
    let summary: ImportResult;
    before(async () => {
      started = await database.startRelay();
      const storage = started.relay.storage;
      await storage.catalog.upsertMembers([MEMBER]);
      await new SqlBookingStore(storage.db, storage.dialect).upsertLendingPolicy(LIBRARY, POLICY);
      summary = await runImport(storage.catalog, { member: LIBRARY, format: 'marcxml', file: FIXTURE });
    });
    after(() => started?.close());

    const get = async (path: string) => {
      const response = await fetch(`${started.url}${path}`);
      assert.equal(response.status, 200, path);
      return response.json();
    };

    it('reads each Koha item as a copy at its holding branch, with its call number, status and due date', async () => {
      const record = await get(`/v1/records/${LIBRARY}:koha-1`);
      assert.deepEqual(record.holdings, [
        { member: LIBRARY, branch: 'central', callNumber: 'FIC AUS', status: 'available' },
        { member: LIBRARY, branch: 'north', callNumber: 'FIC AUS', status: 'on-loan', dueDate: '2026-12-24' },
        { member: LIBRARY, branch: 'north', callNumber: 'REF 823 AUS', status: 'reference-only' },
        { member: LIBRARY, branch: 'central', callNumber: 'FIC AUS', status: 'missing' },
        { member: LIBRARY, branch: 'BOOKMOBILE', callNumber: 'FIC AUS', status: 'available' },
        { member: LIBRARY, branch: 'BOOKMOBILE', callNumber: 'FIC AUS', status: 'available' },
      ]);
      assert.equal(record.holdable, true);
    });

    it('matches a branch by its name and reads 852 location and call number', async () => {
      const byName = await get(`/v1/records/${LIBRARY}:koha-2`);
      assert.deepEqual(byName.holdings, [{ member: LIBRARY, branch: 'north', callNumber: 'R 030 REF', status: 'reference-only' }]);
      const located = await get(`/v1/records/${LIBRARY}:lc-852`);
      assert.deepEqual(located.holdings, [{ member: LIBRARY, branch: 'central', callNumber: 'QA76.73.J38 F53 2001', status: 'available' }]);
    });

    it('reports a branch code the member does not have once, with how many copies it holds', () => {
      assert.equal(summary.inserted, 3);
      assert.deepEqual(summary.warningsByReason, { [`branch code "BOOKMOBILE" matches none of ${LIBRARY}'s branches`]: 2 });
    });

    it('lets a patron hold a record with a copy that can leave, and not one whose only copy is for use on site', async () => {
      const request = (recordId: string) =>
        fetch(`${started.url}/v1/holds`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            recordId,
            pickup: { member: LIBRARY, branch: 'north' },
            patron: { name: 'Ann Reader', email: 'ann@example.org' },
          }),
        });
      const held = await request(`${LIBRARY}:koha-1`);
      assert.equal(held.status, 201);
      assert.equal((await held.json()).status, 'submitted');
      assert.equal((await get(`/v1/records/${LIBRARY}:koha-2`)).holdable, false);
      const refused = await request(`${LIBRARY}:koha-2`);
      assert.equal(refused.status, 422);
      assert.equal((await refused.json()).code, 'not_lendable');
    });
  });
}
