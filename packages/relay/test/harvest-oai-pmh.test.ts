// Harvesting a member's catalogue from a real OAI-PMH repository (Catmandu's provider, started
// here over a JSON file of records): a full harvest page by page, an incremental one after
// records change and are deleted there, 503 with Retry-After, a harvest cut off mid-list that
// resumes, an expired resumption token, and Catmandu's own harvester reading the same records.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { harvestCommand } from '../src/cli/harvest-command.js';
import { HarvestError } from '../src/harvest/oai-pmh/harvest-error.js';
import { harvestMember } from '../src/harvest/oai-pmh/harvest-member.js';
import { formatHarvestSummary } from '../src/harvest/oai-pmh/harvest-summary.js';
import type { RequestEvent } from '../src/harvest/oai-pmh/oai-client.js';
import { HarvestBusyError, HarvestStore } from '../src/storage/harvest-store.js';
import type { Storage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { startCuttingProxy } from './oai-provider/cutting-proxy.js';
import { type OaiProvider, type ProviderRecord, providerMissing, startProvider } from './oai-provider/provider.js';
import { textSink } from './helpers/text-sink.js';

const MEMBER = 'riverside-library';
const missing = providerMissing();
if (missing !== undefined && process.env.CI === 'true') throw new Error(`The OAI-PMH provider cannot run in CI: ${missing}`);

const FAST_RETRY = { attempts: 3, backoffMs: 1, maxWaitMs: 2000, timeoutMs: 10_000 };

const RECORDS: ProviderRecord[] = [
  { _id: 'hlm-1', datestamp: '2024-01-01T09:00:00Z', title: ['紅樓夢'], creator: ['曹雪芹'], date: ['1791'], language: ['zh'] },
  {
    _id: 'moby-2',
    datestamp: '2024-01-02T09:00:00Z',
    title: ['Moby Dick & the whale'],
    creator: ['Melville, Herman'],
    subject: ['Whaling'],
  },
  { _id: 'gone-3', datestamp: '2024-01-03T09:00:00Z', deleted: true },
  { _id: 'emma-4', datestamp: '2024-01-04T09:00:00Z', title: ['Emma'], creator: ['Austen, Jane'], date: ['1815'] },
  { _id: 'untitled-5', datestamp: '2024-01-05T09:00:00Z', creator: ['Nobody'] },
  { _id: 'odes-6', datestamp: '2024-01-06T09:00:00Z', title: ['Odes'], creator: ['Keats, John'], setSpec: ['books'] },
  { _id: 'poems-7', datestamp: '2024-01-07T09:00:00Z', title: ['Poems'], creator: ['Dickinson, Emily'] },
];

/** The member's records as the union catalog holds them: id → title. */
async function titles(storage: Storage): Promise<Record<string, string>> {
  const ids = RECORDS.map((record) => `${MEMBER}:${record._id}`).concat(`${MEMBER}:new-8`);
  return Object.fromEntries((await storage.catalog.getRecords(ids)).map((record) => [record.id.slice(MEMBER.length + 1), record.title]));
}

for (const database of await testDatabases()) {
  describe(`OAI-PMH harvest from Catmandu's provider on ${database.name}`, { skip: database.skip ?? missing }, () => {
    let storage: Storage;
    let provider: OaiProvider;

    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      provider = await startProvider({ pageSize: 2, records: RECORDS });
    });
    after(async () => {
      await provider?.stop();
      await storage?.close();
    });

    const source = () => ({ url: provider.url, metadataPrefix: 'oai_dc' as const });

    it('harvests every record page by page, skips the deleted one and rejects the one without a title', async () => {
      const requests: string[] = [];
      const progress: number[] = [];
      const summary = await harvestMember(storage, MEMBER, source(), {
        retry: FAST_RETRY,
        onRequest: (event) => requests.push(new URL(event.url).searchParams.get('verb')!),
        onProgress: (event) => progress.push(event.records),
      });
      assert.equal(requests[0], 'Identify', 'Identify comes first');
      assert.equal(summary.identify.granularity, 'YYYY-MM-DDThh:mm:ssZ');
      assert.equal(summary.identify.deletedRecord, 'persistent');
      assert.equal(summary.identify.earliestDatestamp, '2024-01-01T09:00:00Z');
      assert.equal(summary.pages, 4);
      assert.deepEqual(progress, [2, 4, 6, 7]);
      assert.deepEqual(summary.counts, { added: 5, updated: 0, unchanged: 0, deleted: 0, rejected: 1 });
      assert.deepEqual(summary.rejectedByReason, { 'missing title': 1 });
      assert.equal(summary.problems[0]?.identifier, 'oai:test.example.org:untitled-5');
      assert.equal(summary.lastDatestamp, '2024-01-07T09:00:00Z');
      assert.deepEqual(await titles(storage), {
        'hlm-1': '紅樓夢',
        'moby-2': 'Moby Dick & the whale',
        'emma-4': 'Emma',
        'odes-6': 'Odes',
        'poems-7': 'Poems',
      });
      const [record] = await storage.catalog.getRecords([`${MEMBER}:hlm-1`]);
      assert.deepEqual(record?.creators, [{ name: '曹雪芹' }]);
      assert.equal(record?.year, 1791);
      const hits = await storage.search.search({ q: '红楼梦', member: [MEMBER], sort: 'relevance', offset: 0, limit: 5, facets: [] });
      assert.deepEqual(
        hits.hits.map((hit) => hit.id),
        [`${MEMBER}:hlm-1`],
      );
      const text = formatHarvestSummary(summary);
      assert.match(text, /added 5, updated 0, unchanged 0, deleted 0, rejected 1/);
      assert.match(text, /1 {2}missing title/);
    });

    it('reads the same identifiers, datestamps and titles as Catmandu’s own harvester', () => {
      const result = spawnSync(
        'catmandu',
        ['convert', 'OAI', '--url', provider.url, '--metadataPrefix', 'oai_dc', 'to', 'JSON', '--array', '1'],
        {
          encoding: 'utf8',
        },
      );
      assert.equal(result.status, 0, result.stderr);
      const harvested = JSON.parse(result.stdout) as Array<{ _identifier: string; _datestamp: string; _status: string; title?: string[] }>;
      assert.equal(harvested.length, RECORDS.length);
      for (const record of RECORDS) {
        const theirs = harvested.find((item) => item._identifier === `oai:test.example.org:${record._id}`);
        assert.ok(theirs, `Catmandu read ${record._id}`);
        assert.equal(theirs._datestamp, record.datestamp);
        assert.equal(theirs._status, record.deleted ? 'deleted' : '');
        assert.deepEqual(theirs.title, record.title);
      }
    });

    it('asks next only for the changes since the last harvest and applies exactly those', async () => {
      provider.setRecords([
        ...RECORDS.filter((record) => !['moby-2', 'emma-4'].includes(record._id)),
        { ...RECORDS[1]!, datestamp: '2024-02-01T10:00:00Z', title: ['Moby-Dick; or, The Whale'] },
        { _id: 'emma-4', datestamp: '2024-02-02T10:00:00Z', deleted: true },
        { _id: 'new-8', datestamp: '2024-02-03T10:00:00Z', title: ['Persuasion'], creator: ['Austen, Jane'] },
      ]);
      const urls: string[] = [];
      const summary = await harvestMember(storage, MEMBER, undefined, { retry: FAST_RETRY, onRequest: (event) => urls.push(event.url) });
      assert.equal(summary.from, '2024-01-07T09:00:00Z');
      assert.equal(new URL(urls[1]!).searchParams.get('from'), '2024-01-07T09:00:00Z');
      // poems-7 carries the last harvest's datestamp, which `from` includes: it comes again, unchanged.
      assert.deepEqual(summary.counts, { added: 1, updated: 1, unchanged: 1, deleted: 1, rejected: 0 });
      assert.deepEqual(await titles(storage), {
        'hlm-1': '紅樓夢',
        'moby-2': 'Moby-Dick; or, The Whale',
        'odes-6': 'Odes',
        'poems-7': 'Poems',
        'new-8': 'Persuasion',
      });
      assert.equal(summary.lastDatestamp, '2024-02-03T10:00:00Z');
    });

    it('treats noRecordsMatch as nothing new', async () => {
      const summary = await harvestMember(storage, MEMBER, undefined, { retry: FAST_RETRY, from: '2025-01-01T00:00:00Z' });
      assert.deepEqual(summary.counts, { added: 0, updated: 0, unchanged: 0, deleted: 0, rejected: 0 });
      assert.equal(summary.pages, 0);
      assert.equal(
        (await new HarvestStore(storage.db).get(MEMBER))?.lastDatestamp,
        '2024-02-03T10:00:00Z',
        'where the next harvest starts stays',
      );
    });

    it('waits as long as a 503 answer’s Retry-After says and asks again', async () => {
      provider.setFaults([{ status: 503, retryAfter: 1, times: 1, verb: 'ListRecords', resumptionToken: true }]);
      const events: RequestEvent[] = [];
      const summary = await harvestMember(storage, MEMBER, undefined, {
        retry: FAST_RETRY,
        full: true,
        onRequest: (event) => events.push(event),
      });
      const retry = events.find((event) => event.retryIn !== undefined);
      assert.deepEqual(retry?.retryIn, { ms: 1000, reason: 'HTTP 503' });
      assert.equal(summary.pages, 4);
      assert.equal(summary.counts.rejected, 1);
    });

    it('resumes a harvest cut off mid-list from its last resumption token', async () => {
      provider.setFaults([{ status: 500, times: FAST_RETRY.attempts, verb: 'ListRecords', resumptionToken: true }]);
      await assert.rejects(
        harvestMember(storage, MEMBER, undefined, { retry: FAST_RETRY, full: true }),
        (error: unknown) => error instanceof HarvestError && error.code === 'unreachable' && /HTTP 500/.test(error.message),
      );
      const cut = await new HarvestStore(storage.db).get(MEMBER);
      assert.equal(cut?.status, 'failed');
      assert.equal(cut?.pages, 1);
      assert.ok(cut?.resumptionToken, 'the token of the next page is kept');

      const urls: string[] = [];
      const summary = await harvestMember(storage, MEMBER, undefined, { retry: FAST_RETRY, onRequest: (event) => urls.push(event.url) });
      assert.equal(summary.resumed, true);
      assert.equal(new URL(urls[1]!).searchParams.get('resumptionToken'), cut.resumptionToken);
      assert.equal(summary.pages, 4, 'the first page is counted once');
      assert.equal(summary.counts.added + summary.counts.updated + summary.counts.unchanged, 5);
      assert.equal((await new HarvestStore(storage.db).get(MEMBER))?.status, 'succeeded');
    });

    it('a harvest stopped by its operator after a page is recorded as cut off and resumes there', async () => {
      const stop = new AbortController();
      await assert.rejects(
        harvestMember(storage, MEMBER, undefined, { retry: FAST_RETRY, full: true, signal: stop.signal, onProgress: () => stop.abort() }),
        (error: unknown) => error instanceof HarvestError && error.code === 'aborted',
      );
      const cut = await new HarvestStore(storage.db).get(MEMBER);
      assert.equal(cut?.status, 'failed');
      assert.equal(cut?.pages, 1);
      const summary = await harvestMember(storage, MEMBER, undefined, { retry: FAST_RETRY });
      assert.equal(summary.resumed, true);
      assert.equal(summary.pages, 4);
    });

    it('asks for the list again when the repository refuses a saved resumption token', async () => {
      const harvests = new HarvestStore(storage.db);
      const state = (await harvests.get(MEMBER))!;
      await harvests.saveProgress(MEMBER, new Date().toISOString(), { ...state, resumptionToken: 'expired-token' });
      await harvests.fail(MEMBER, new Date().toISOString(), 'cut off');
      const summary = await harvestMember(storage, MEMBER, undefined, { retry: FAST_RETRY });
      assert.equal(summary.resumed, true);
      assert.equal(summary.restarted, true);
      assert.equal((await harvests.get(MEMBER))?.status, 'succeeded');
    });

    it('asks again for a page whose connection broke off after its first record, and takes each record once', async () => {
      const proxy = await startCuttingProxy(provider.url);
      try {
        proxy.cut('resumptionToken', 1);
        const events: RequestEvent[] = [];
        const summary = await harvestMember(
          storage,
          MEMBER,
          { url: proxy.url, metadataPrefix: 'oai_dc' },
          { retry: FAST_RETRY, onRequest: (event) => events.push(event) },
        );
        assert.equal(proxy.cuts, 1);
        assert.match(events.find((event) => event.retryIn)?.retryIn?.reason ?? '', /network error/);
        const { added, updated, unchanged } = summary.counts;
        assert.equal(added + updated + unchanged, 5, 'a new URL is a new list: every record comes again, once');
        assert.equal(summary.counts.rejected, 1, 'the record of the page cut off is counted once');
      } finally {
        await proxy.close();
      }
    });

    it('refuses to start while another harvest of the member runs, and takes over one long silent', async () => {
      const harvests = new HarvestStore(storage.db);
      const now = new Date();
      await harvests.begin(MEMBER, { startedAt: now.toISOString(), staleBefore: new Date(now.getTime() - 60_000).toISOString() });
      await assert.rejects(harvestMember(storage, MEMBER, source(), { retry: FAST_RETRY }), HarvestBusyError);
      await harvests.fail(MEMBER, now.toISOString(), 'released by the test');
      const hoursAgo = new Date(now.getTime() - 3 * 3600_000);
      await harvests.begin(MEMBER, { startedAt: hoursAgo.toISOString(), staleBefore: new Date(hoursAgo.getTime() - 1).toISOString() });
      const summary = await harvestMember(storage, MEMBER, source(), { retry: FAST_RETRY });
      assert.equal((await harvests.get(MEMBER))?.status, 'succeeded');
      assert.ok(summary.pages >= 1);
    });

    it('the harvest command prints the summary, and refuses bad flags and formats it cannot read yet without changing the source', async () => {
      const out = textSink();
      const err = textSink();
      assert.equal(await harvestCommand(storage, { member: MEMBER, full: true, quiet: true, stdout: out.stream, stderr: err.stream }), 0);
      assert.match(out.text(), /^Harvested http:\/\/127\.0\.0\.1:\d+\/oai \(oai_dc\) into riverside-library/);
      assert.match(out.text(), /1 {2}missing title/);

      const bad = textSink();
      const code = await harvestCommand(storage, {
        member: MEMBER,
        url: 'ftp://example.org/oai',
        metadataPrefix: 'mods',
        stderr: bad.stream,
      });
      assert.equal(code, 2);
      assert.match(bad.text(), /--url: must be an http:\/\/ or https:\/\/ address/);
      assert.match(bad.text(), /--metadata-prefix:/);

      const marc = textSink();
      assert.equal(
        await harvestCommand(storage, { member: MEMBER, url: provider.url, metadataPrefix: 'marc21', quiet: true, stderr: marc.stream }),
        1,
      );
      // Catmandu's provider here offers only oai_dc: its refusal is passed on with what it does offer.
      assert.match(marc.text(), /Harvest stopped: The repository does not offer marc21; it offers: oai_dc\./);
      assert.equal((await new HarvestStore(storage.db).get(MEMBER))?.source.metadataPrefix, 'oai_dc', 'the saved source stays');
    });

    it('harvests only the set a source names', async () => {
      const summary = await harvestMember(storage, 'eastern-university', { ...source(), set: 'books' }, { retry: FAST_RETRY });
      assert.deepEqual(summary.counts, { added: 1, updated: 0, unchanged: 0, deleted: 0, rejected: 0 });
      assert.deepEqual(await storage.catalog.listRecordIds('eastern-university'), ['eastern-university:odes-6']);
    });

    it('a repository that cannot be reached is tried again, then reported, and the saved source stays', async () => {
      const harvests = new HarvestStore(storage.db);
      const before = await harvests.get(MEMBER);
      const closed = await startCuttingProxy(provider.url);
      const url = closed.url;
      await closed.close();
      const events: RequestEvent[] = [];
      await assert.rejects(
        harvestMember(storage, MEMBER, { url, metadataPrefix: 'oai_dc' }, { retry: FAST_RETRY, onRequest: (event) => events.push(event) }),
        (error: unknown) => error instanceof HarvestError && error.code === 'unreachable' && /ECONNREFUSED/.test(error.message),
      );
      assert.equal(events.filter((event) => event.retryIn === undefined).length, FAST_RETRY.attempts);
      assert.deepEqual(await harvests.get(MEMBER), before);
    });

    it('reports an OAI-PMH error the protocol gives no remedy for, naming the code', async () => {
      await assert.rejects(
        harvestMember(storage, MEMBER, { url: provider.url, metadataPrefix: 'oai_dc', set: 'no-such-set' }, { retry: FAST_RETRY }),
        (error: unknown) => error instanceof HarvestError && error.code === 'repository-error' && /badArgument/.test(error.message),
      );
    });
  });
}
