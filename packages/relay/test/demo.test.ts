// The demo consortium as the docs, tests and demo page rely on it: fixed members, stable
// generated holdings, sample files worth searching, and a seed that can run twice.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Holding, Member, type HoldingStatus } from '@atrium/sdk';
import { DEMO_CATALOGUES, DEMO_MEMBERS } from '../src/demo/consortium.js';
import { createDemoHoldings } from '../src/demo/holdings.js';
import { DEFAULT_DEMO_DATA_DIR, isCatalogEmpty, seedDemo } from '../src/demo/seed.js';
import type { MemberInput, RecordInput } from '../src/storage/catalog-store.js';
import { openStorage, type Storage } from '../src/storage/index.js';

const member = (id: string): MemberInput => DEMO_MEMBERS.find((candidate) => candidate.id === id)!;
const sampleLines = (file: string) =>
  gunzipSync(readFileSync(join(DEFAULT_DEMO_DATA_DIR, file)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);

function record(id: string, fields: Partial<RecordInput> = {}): RecordInput {
  return {
    id,
    member: id.slice(0, id.indexOf(':')),
    type: 'book',
    title: 'A title',
    creators: [{ name: 'Suzanne Collins' }],
    subjects: [],
    identifiers: {},
    holdings: [],
    ...fields,
  };
}

describe('demo consortium', () => {
  it('has the three members with the fixed ids, kinds and timezones', () => {
    assert.deepEqual(
      DEMO_MEMBERS.map((m) => [m.id, m.kind, m.timezone]),
      [
        ['harbour-museum', 'museum', 'Asia/Hong_Kong'],
        ['riverside-library', 'public-library', 'Asia/Hong_Kong'],
        ['eastern-university', 'university-library', 'Asia/Taipei'],
      ],
    );
  });

  it('names each member and branch in English and Chinese, with two or three branches each', () => {
    for (const m of DEMO_MEMBERS) {
      const parsed = Member.safeParse({ ...m, online: false });
      assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
      assert.ok(m.name.zh, `${m.id} has a Chinese name`);
      assert.ok(m.branches.length >= 2 && m.branches.length <= 3, m.id);
      for (const branch of m.branches) assert.ok(branch.name.en && branch.name.zh, `${m.id}/${branch.id}`);
      assert.equal(new Set(m.branches.map((branch) => branch.id)).size, m.branches.length);
    }
  });

  it('loads each member from its own sample file', () => {
    assert.deepEqual(
      DEMO_CATALOGUES.map((catalogue) => [catalogue.member, catalogue.format]),
      [
        ['harbour-museum', 'tate'],
        ['riverside-library', 'goodbooks'],
        ['eastern-university', 'tang'],
      ],
    );
  });
});

describe('demo holdings', () => {
  const today = '2025-03-01';

  it('gives the same record the same holdings every time, and different records different ones', () => {
    const library = member('riverside-library');
    const first = createDemoHoldings(library, { today });
    const again = createDemoHoldings(library, { today });
    const ids = Array.from({ length: 200 }, (_, i) => `riverside-library:${i + 1}`);
    for (const id of ids) assert.deepEqual(first(record(id)), again(record(id)), id);
    const distinct = new Set(ids.map((id) => JSON.stringify(first(record(id)))));
    assert.ok(distinct.size > 50, `${distinct.size} distinct holdings for 200 records`);
  });

  it('computes due dates from the given day, and only for items on loan', () => {
    const library = member('riverside-library');
    const march = createDemoHoldings(library, { today: '2025-03-01' });
    const april = createDemoHoldings(library, { today: '2025-04-01' });
    let loans = 0;
    for (let i = 1; i <= 300; i += 1) {
      const r = record(`riverside-library:${i}`);
      const [inMarch, inApril] = [march(r), april(r)];
      assert.deepEqual(
        inMarch.map((h) => h.status),
        inApril.map((h) => h.status),
      );
      for (const [index, holding] of inMarch.entries()) {
        if (holding.status !== 'on-loan') {
          assert.equal(holding.dueDate, undefined);
          continue;
        }
        loans += 1;
        const days = (Date.parse(holding.dueDate!) - Date.parse('2025-03-01')) / 86_400_000;
        assert.ok(days >= 1 && days <= 28, `${holding.dueDate} is 1-28 days after today`);
        const shifted = (Date.parse(inApril[index]!.dueDate!) - Date.parse(holding.dueDate!)) / 86_400_000;
        assert.equal(shifted, 31);
      }
    }
    assert.ok(loans > 30, `${loans} loans among 300 records`);
  });

  it("reads a Date as the member's own calendar day", () => {
    const library = member('riverside-library');
    // 20:00 UTC on 1 March is already 2 March in Hong Kong.
    const fromDate = createDemoHoldings(library, { today: new Date('2025-03-01T20:00:00Z') });
    const fromDay = createDemoHoldings(library, { today: '2025-03-02' });
    for (let i = 1; i <= 50; i += 1)
      assert.deepEqual(fromDate(record(`riverside-library:${i}`)), fromDay(record(`riverside-library:${i}`)));
    assert.throws(() => createDemoHoldings(library, { today: '1 March' }), /today must be a date/);
  });

  function statusesOf(id: string, count: number, make: (i: number) => RecordInput) {
    const m = member(id);
    const holdingsFor = createDemoHoldings(m, { today });
    const statuses = new Map<HoldingStatus, number>();
    const all = [];
    for (let i = 0; i < count; i += 1) {
      const holdings = holdingsFor(make(i));
      all.push(holdings);
      for (const holding of holdings) {
        assert.ok(Holding.safeParse(holding).success, JSON.stringify(holding));
        assert.equal(holding.member, id);
        assert.ok(
          m.branches.some((branch) => branch.id === holding.branch),
          holding.branch,
        );
        statuses.set(holding.status, (statuses.get(holding.status) ?? 0) + 1);
      }
    }
    return { statuses, all };
  }

  it('puts each museum work in one place, on display or in store, with an accession-like location', () => {
    const { statuses, all } = statusesOf('harbour-museum', 500, (i) =>
      record(`harbour-museum:T${String(i).padStart(5, '0')}`, {
        type: 'artwork',
        identifiers: { accession: [`T${String(i).padStart(5, '0')}`] },
      }),
    );
    for (const holdings of all) assert.equal(holdings.length, 1);
    assert.deepEqual([...statuses.keys()].sort(), ['in-storage', 'on-display']);
    assert.ok(statuses.get('in-storage')! > statuses.get('on-display')!);
    for (const [holding] of all) assert.match(holding!.callNumber!, /^T\d{5} · (?:Gallery \d+|Store [A-D]-\d{2}-\d)$/);
  });

  it('gives public library books 1-3 copies, mostly available, with Dewey-like call numbers', () => {
    const { statuses, all } = statusesOf('riverside-library', 1000, (i) => record(`riverside-library:${i}`));
    for (const holdings of all) {
      assert.ok(holdings.length >= 1 && holdings.length <= 3);
      assert.equal(new Set(holdings.map((h) => h.branch)).size, holdings.length, 'copies are at different branches');
      assert.equal(new Set(holdings.map((h) => h.callNumber)).size, 1, 'one call number per title');
      assert.match(holdings[0]!.callNumber!, /^(?:FIC|\d{3}\.\d{2}) COL$/);
    }
    assert.ok(all.some((holdings) => holdings.length === 3));
    for (const status of ['available', 'on-loan', 'on-hold', 'in-transit', 'reference-only'] as const)
      assert.ok(statuses.get(status), status);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    assert.ok(statuses.get('available')! / total > 0.45);
    assert.ok(!statuses.has('on-display') && !statuses.has('in-storage'));
  });

  it('gives university texts Chinese-classification-like call numbers (851.441 for Tang poetry)', () => {
    const { statuses, all } = statusesOf('eastern-university', 500, (i) =>
      record(`eastern-university:poem-${i}`, { type: 'text', language: 'zh', creators: [{ name: '李白', role: 'poet' }] }),
    );
    for (const holdings of all) assert.match(holdings[0]!.callNumber!, /^851\.441 \d{4}$/);
    assert.ok(statuses.get('reference-only')! > 0 && statuses.get('available')! > 0);
  });
});

describe('demo samples', () => {
  it('stay small enough to ship', () => {
    const total = DEMO_CATALOGUES.reduce((sum, catalogue) => sum + statSync(join(DEFAULT_DEMO_DATA_DIR, catalogue.file)).size, 0);
    assert.ok(total < 1.5 * 1024 * 1024, `${total} bytes`);
  });

  it('hold good demo searches: 靜夜思 and the poems of 李白 and 杜甫', () => {
    const poems = sampleLines('tang-poems.sample.jsonl.gz').map((line) => JSON.parse(line) as { title: string; author: string });
    assert.ok(poems.some((poem) => poem.title === '靜夜思' && poem.author === '李白'));
    assert.ok(poems.filter((poem) => poem.author === '李白').length > 1000);
    assert.ok(poems.filter((poem) => poem.author === '杜甫').length > 1000);
    assert.ok(new Set(poems.map((poem) => poem.author)).size > 50);
  });

  it('hold Turner, artists with diacritics, and works from five centuries', () => {
    const works = sampleLines('tate-artworks.sample.jsonl.gz').map(
      (line) => JSON.parse(line) as { all_artists: string; groupTitle: string | null; dateRange: { startYear: number | string } | null },
    );
    assert.ok(works.filter((work) => work.all_artists === 'Joseph Mallord William Turner').length >= 100);
    assert.ok(works.some((work) => work.all_artists === 'Thomas Schütte'));
    assert.ok(works.filter((work) => /[\u0080-\u{10ffff}]/u.test(work.all_artists)).length >= 100);
    assert.ok(works.filter((work) => work.groupTitle).length >= 500);
    const centuries = new Set(works.map((work) => Math.floor(Number(work.dateRange?.startYear) / 100)).filter(Number.isFinite));
    for (const century of [16, 17, 18, 19, 20]) assert.ok(centuries.has(century), `${century}00s`);
  });

  it('hold the most popular books and books in other languages', () => {
    const [header, ...rows] = sampleLines('goodbooks-books.sample.csv.gz');
    assert.ok(header?.startsWith('book_id,goodreads_book_id,'));
    assert.ok(rows[0]?.startsWith('1,2767052,'), 'The Hunger Games comes first');
    assert.ok(rows.length >= 3000);
    for (const code of [',spa,', ',fre,', ',ger,', ',jpn,', ',ara,'])
      assert.ok(
        rows.some((row) => row.includes(code)),
        code,
      );
  });
});

describe('seedDemo', () => {
  let dir: string;
  let storage: Storage;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atrium-seed-'));
    storage = await openStorage({ databaseUrl: `sqlite:${join(dir, 'atrium.db')}` });
  });
  after(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the members and every sample record with demo holdings, and changes no counts when run again', async () => {
    assert.equal(await isCatalogEmpty(storage), true);
    const first = await seedDemo(storage, { today: '2025-03-01' });
    assert.equal(await isCatalogEmpty(storage), false);
    assert.deepEqual(first.members, ['harbour-museum', 'riverside-library', 'eastern-university']);
    assert.deepEqual((await storage.catalog.listMembers()).map((m) => m.id).sort(), [
      'eastern-university',
      'harbour-museum',
      'riverside-library',
    ]);

    const counts = async () => Promise.all(DEMO_MEMBERS.map((m) => storage.catalog.countRecords(m.id)));
    const expected = DEMO_CATALOGUES.map((catalogue) => {
      const lines = sampleLines(catalogue.file).length;
      return catalogue.format === 'goodbooks' ? lines - 1 : lines;
    });
    assert.deepEqual(await counts(), expected);
    assert.deepEqual(
      first.catalogues.map((c) => [c.inserted, c.updated, c.skipped]),
      expected.map((n) => [n, 0, 0]),
    );

    const book = await storage.catalog.getRecord('riverside-library:1');
    assert.ok(book && book.holdings.length >= 1);
    const before = await storage.catalog.getRecord('harbour-museum:' + JSON.parse(sampleLines('tate-artworks.sample.jsonl.gz')[0]!).acno);
    assert.equal(before?.holdings.length, 1);

    assert.deepEqual(first.reference, { policies: ['riverside-library', 'eastern-university', 'harbour-museum'], answers: 3 });

    const second = await seedDemo(storage, { today: '2025-03-01' });
    assert.deepEqual(second.reference, { policies: [], answers: 0 }, 'policies and answers are not written twice');
    assert.deepEqual(await counts(), expected);
    assert.deepEqual(
      second.catalogues.map((c) => [c.inserted, c.updated]),
      expected.map((n) => [0, n]),
    );
    assert.deepEqual(await storage.catalog.getRecord(before!.id), before);
  });
});
