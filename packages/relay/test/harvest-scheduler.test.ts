// The harvest schedule `serve` keeps: members whose source has a schedule are harvested when
// due, one at a time, from a real OAI-PMH repository; the staff report says when each is next.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HarvestReport } from '@atrium/sdk';
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
  });
}
