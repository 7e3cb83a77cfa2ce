// The harvest schedule `serve` keeps: members whose source has a schedule are harvested when
// due, one at a time, from a real OAI-PMH repository; the staff report says when each is next.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HarvestReport, HarvestReportList } from '@atrium/sdk';
import Fastify from 'fastify';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { StaffAuth } from '../src/domain/staff/staff-auth.js';
import { installStaffAuth } from '../src/http/auth.js';
import { staffHarvestRoutes } from '../src/harvest/oai-pmh/staff-harvests-route.js';
import { harvestReport, nextHarvestAt } from '../src/harvest/oai-pmh/harvest-schedule.js';
import { HarvestScheduler } from '../src/harvest/oai-pmh/harvest-scheduler.js';
import { HarvestStore } from '../src/storage/harvest-store.js';
import type { Storage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { type OaiProvider, providerMissing, startProvider } from './oai-provider/provider.js';

const missing = providerMissing();
if (missing !== undefined && process.env.CI === 'true') throw new Error(`The OAI-PMH provider cannot run in CI: ${missing}`);

describe('harvest schedule', () => {
  const now = new Date('2024-05-01T10:00:00Z');

  it('a member never harvested is due at once; one without a schedule never', () => {
    assert.deepEqual(nextHarvestAt({ everyHours: 6 }, undefined, now), now);
    assert.equal(nextHarvestAt(undefined, '2024-05-01T09:00:00Z', now), undefined);
  });

  it('counts an interval from the start of the last harvest', () => {
    assert.equal(nextHarvestAt({ everyHours: 6 }, '2024-05-01T09:00:00Z', now)?.toISOString(), '2024-05-01T15:00:00.000Z');
  });

  it('a daily time is the next one after the last harvest started, in UTC', () => {
    assert.equal(nextHarvestAt({ dailyAt: '02:30' }, '2024-05-01T01:00:00Z', now)?.toISOString(), '2024-05-01T02:30:00.000Z');
    assert.equal(nextHarvestAt({ dailyAt: '02:30' }, '2024-05-01T02:30:00Z', now)?.toISOString(), '2024-05-02T02:30:00.000Z');
  });
});

for (const database of await testDatabases()) {
  describe(`harvest scheduler on ${database.name}`, { skip: database.skip ?? missing }, () => {
    let storage: Storage;
    let provider: OaiProvider;

    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      provider = await startProvider({
        pageSize: 10,
        records: [{ _id: 'one', datestamp: '2024-01-01T00:00:00Z', title: ['One'] }],
      });
    });
    after(async () => {
      await provider?.stop();
      await storage?.close();
    });

    it('harvests the members that are due, one after another, and none again before their time', async () => {
      const harvests = new HarvestStore(storage.db);
      const [first, second, third] = MEMBERS.map((member) => member.id) as [string, string, string];
      await harvests.saveSource(first, { url: provider.url, metadataPrefix: 'oai_dc', schedule: { everyHours: 6 } });
      await harvests.saveSource(second, { url: provider.url, metadataPrefix: 'oai_dc', schedule: { dailyAt: '02:00' } });
      await harvests.saveSource(third, { url: provider.url, metadataPrefix: 'oai_dc' });
      let clock = new Date('2024-05-01T10:00:00Z');
      const order: string[] = [];
      const scheduler = new HarvestScheduler(storage, { now: () => clock, onHarvest: (summary) => order.push(summary.member) });

      assert.deepEqual((await scheduler.runDue()).sort(), [first, second].sort());
      assert.equal(order.length, 2);
      assert.equal(await storage.catalog.countRecords(third), 0, 'a member without a schedule is harvested only when asked');

      clock = new Date('2024-05-01T12:00:00Z');
      assert.deepEqual(await scheduler.runDue(), []);
      clock = new Date('2024-05-01T16:30:00Z');
      assert.deepEqual(await scheduler.runDue(), [first]);

      const report = harvestReport((await harvests.get(second))!, clock);
      assert.ok(HarvestReport.safeParse(report).success);
      assert.equal(report?.status, 'succeeded');
      assert.equal(report?.counts.added, 1);
      assert.equal(report?.nextRunAt, '2024-05-02T02:00:00.000Z');
      assert.equal(harvestReport((await harvests.get(third))!, clock), undefined, 'never harvested: nothing to report');
      await scheduler.stop();
    });

    it('GET /v1/staff/harvests shows signed-in staff each member harvested, and refuses anyone else', async () => {
      const staffAuth = await StaffAuth.open(storage.staff);
      await addLibrarian(storage, { member: 'riverside-library', email: 'harvests@riverside.example.org', password: 'a long passphrase' });
      const { token } = await staffAuth.login('harvests@riverside.example.org', 'a long passphrase', '127.0.0.1');
      const app = Fastify();
      installStaffAuth(app, staffAuth);
      staffHarvestRoutes(app, new HarvestStore(storage.db), () => new Date('2024-05-01T17:00:00Z'));
      try {
        const refused = await app.inject({ method: 'GET', url: '/v1/staff/harvests' });
        assert.equal(refused.statusCode, 401);
        const response = await app.inject({ method: 'GET', url: '/v1/staff/harvests', headers: { authorization: `Bearer ${token}` } });
        assert.equal(response.statusCode, 200);
        const list = HarvestReportList.parse(response.json());
        assert.deepEqual(
          list.items.map((item) => [item.member, item.status, item.nextRunAt]).sort(),
          [
            [MEMBERS[0]!.id, 'succeeded', '2024-05-01T22:30:00.000Z'],
            [MEMBERS[1]!.id, 'succeeded', '2024-05-02T02:00:00.000Z'],
          ].sort(),
        );
      } finally {
        await app.close();
      }
    });
  });
}
