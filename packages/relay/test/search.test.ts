// Search over a small union catalog, the same suite on SQLite (FTS5) and PostgreSQL
// (tsvector): matching, ranking, filters, facets, sorts and highlights as patrons rely on them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FacetField, HighlightSegment } from '@atrium/sdk';
import type { RecordInput, SearchRequest, Storage } from '../src/storage/index.js';
import { parseQuery } from '../src/storage/search/query-parser.js';
import { foldText, indexTokens, queryTokens } from '../src/storage/search/text.js';
import { MEMBERS, RECORDS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { type Filters, expectedFacets, passes } from './helpers/search-oracle.js';

const UNTITLED: RecordInput[] = ['X002', 'X001'].map((localId) => ({
  id: `harbour-museum:${localId}`,
  member: 'harbour-museum',
  type: 'artwork',
  title: 'Untitled',
  creators: [{ name: 'Anonymous' }],
  subjects: [],
  identifiers: {},
  holdings: [],
}));
const CATALOG = [...RECORDS, ...UNTITLED];

function marked(segments: readonly HighlightSegment[] | undefined): string[] {
  return (segments ?? []).filter((segment) => segment.mark).map((segment) => segment.text);
}

const ALL_FACETS: FacetField[] = ['member', 'type', 'language', 'available', 'decade'];

/** Deterministic noise: the characters that mean something to a query parser, FTS5 or tsquery. */
function noiseQueries(count: number): string[] {
  const pieces = [
    '"',
    '“',
    '-',
    ':',
    'OR',
    'AND',
    'NOT',
    'NEAR',
    '(',
    ')',
    '*',
    '^',
    '&',
    '|',
    '!',
    '<->',
    "'",
    '\\',
    '{',
    '}',
    ' ',
    ' ',
    'title:',
    'isbn:',
    'creator:',
    'subject:',
    'foo:',
    '静',
    '夜思',
    '🙂',
    'é',
    'ﬁ',
    'Ａ',
    '\u0000',
    '\n',
    '978-0',
    'x',
    'hunger',
    '0',
  ];
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: count }, () => {
    let query = '';
    const length = Math.floor(next() * 40);
    for (let i = 0; i < length; i += 1) query += pieces[Math.floor(next() * pieces.length)];
    return query.slice(0, 500);
  });
}

describe('query syntax', () => {
  const words = (query: ReturnType<typeof parseQuery>) =>
    query.kind === 'query'
      ? {
          include: query.include.map((group) => group.map((term) => `${term.field ?? ''}:${term.tokens.join(' ')}`)),
          exclude: query.exclude.map((term) => `${term.field ?? ''}:${term.tokens.join(' ')}`),
        }
      : query.kind;

  it('reads words, phrases, fields, exclusions and OR', () => {
    assert.deepEqual(words(parseQuery('River  "Norham Castle" title:sunrise OR creator:"J. M. W. Turner" -sketch -"pencil study"')), {
      include: [[':river'], [':norham castle'], ['title:sunrise', 'creator:j m w turner']],
      exclude: [':sketch', ':pencil study'],
    });
    assert.deepEqual(words(parseQuery('isbn:0-439-02348-3')), { include: [['isbn:9780439023481']], exclude: [] });
    assert.deepEqual(words(parseQuery('978-0-439-02348-1')), { include: [['isbn:9780439023481', ':978 0 439 02348 1']], exclude: [] });
    assert.deepEqual(words(parseQuery('-war -peace')), { include: [], exclude: [':war', ':peace'] });
    assert.deepEqual(words(parseQuery('静夜思 李')), { include: [[':静夜 夜思'], [':李']], exclude: [] });
  });

  it('tells a blank query from one with nothing searchable', () => {
    assert.equal(parseQuery('').kind, 'everything');
    assert.equal(parseQuery('   ').kind, 'everything');
    for (const q of ['!!!', '-', '""', 'OR', 'title:', '🙂', '。，、']) assert.equal(parseQuery(q).kind, 'nothing', q);
  });

  it('never throws, whatever it is given', () => {
    for (const q of noiseQueries(3000)) {
      const parsed = parseQuery(q);
      assert.ok(['everything', 'nothing', 'query'].includes(parsed.kind));
      if (parsed.kind === 'query') {
        for (const term of [...parsed.include.flat(), ...parsed.exclude]) {
          assert.ok(term.tokens.length > 0 && term.tokens.every((token) => /^[\p{L}\p{N}\p{M}]+$/u.test(token)), q);
        }
      }
    }
  });
});

describe('text folding and segmentation', () => {
  it('folds case, accents, compatibility forms and Traditional Chinese', () => {
    assert.equal(foldText('Thomas SCHÜTTE'), 'thomas schutte');
    assert.equal(foldText('Ｈｕｎｇｅｒ　Ｇａｍｅｓ'), 'hunger games');
    assert.equal(foldText('Große Œuvre ﬁn'), 'grosse oeuvre fin');
    assert.equal(foldText('靜夜思'), foldText('静夜思'));
    assert.equal(foldText('劉慈欣'), '刘慈欣');
  });

  it('indexes CJK runs as bigrams plus the last character, and queries them as bigrams', () => {
    assert.deepEqual(indexTokens('床前明月光，疑是'), ['床前', '前明', '明月', '月光', '光', '疑是', '是']);
    assert.deepEqual(queryTokens('明月光'), { tokens: ['明月', '月光'], prefix: false });
    assert.deepEqual(queryTokens('樓'), { tokens: ['楼'], prefix: true });
    assert.deepEqual(indexTokens("Harry Potter and the Philosopher's Stone 1997"), [
      'harry',
      'potter',
      'and',
      'the',
      'philosopher',
      's',
      'stone',
      '1997',
    ]);
  });
});

for (const database of await testDatabases()) {
  describe(`search on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;

    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      await storage.catalog.upsertRecords(CATALOG);
    });
    after(() => storage?.close());

    const search = (q: string, extra: Partial<SearchRequest> = {}) =>
      storage.search.search({ q, sort: 'relevance', offset: 0, limit: 100, facets: [], ...extra });
    const ids = async (q: string, extra: Partial<SearchRequest> = {}) => (await search(q, extra)).hits.map((hit) => hit.id);
    const sortedIds = async (q: string, extra: Partial<SearchRequest> = {}) => (await ids(q, extra)).sort();

    describe('matching', () => {
      it('finds Chinese in either script, by any run of two or more characters', async () => {
        assert.equal((await ids('静夜思'))[0], 'eastern-university:jingyesi', 'Simplified finds Traditional');
        assert.equal((await ids('靜夜思'))[0], 'eastern-university:jingyesi');
        assert.deepEqual(await sortedIds('明月'), ['eastern-university:jingyesi', 'eastern-university:yuexiaduzhuo']);
        assert.deepEqual(await sortedIds('千里'), ['eastern-university:dengguanquelou'], 'two characters from the middle of a line');
        assert.deepEqual(await sortedIds('明月光'), ['eastern-university:jingyesi']);
        assert.deepEqual(await sortedIds('三體'), ['riverside-library:9007'], 'Traditional finds Simplified');
        assert.deepEqual(await sortedIds('劉慈欣'), ['riverside-library:9007']);
        assert.deepEqual(await sortedIds('李白'), [
          'eastern-university:jingyesi',
          'eastern-university:wanglushanpubu',
          'eastern-university:yuexiaduzhuo',
        ]);
      });

      it('finds a single Chinese character wherever it stands, in either script', async () => {
        assert.deepEqual(await sortedIds('樓'), ['eastern-university:dengguanquelou'], 'the last character of a line');
        assert.deepEqual(await sortedIds('楼'), ['eastern-university:dengguanquelou']);
        assert.deepEqual(await sortedIds('壺'), ['eastern-university:yuexiaduzhuo'], 'inside a line');
      });

      it('ignores case, accents and full-width forms', async () => {
        const schutte = ['harbour-museum:P77001', 'harbour-museum:T11925'];
        assert.deepEqual(await sortedIds('schutte'), schutte);
        assert.deepEqual(await sortedIds('SCHÜTTE'), schutte);
        assert.deepEqual(await sortedIds('grosse geister'), ['harbour-museum:P77001'], 'ß folds to ss');
        assert.deepEqual(await sortedIds('saint-exupery'), ['riverside-library:9006']);
        assert.deepEqual(await sortedIds('ＣＡＴＣＨＩＮＧ'), ['riverside-library:6148028']);
      });

      it('requires every word (AND) and matches words anywhere in the record', async () => {
        assert.deepEqual(await sortedIds('turner sunrise'), ['harbour-museum:D36110', 'harbour-museum:N05508']);
        assert.deepEqual(await sortedIds('oil canvas'), ['harbour-museum:N05508'], 'the physical description is searched');
        assert.deepEqual(await sortedIds('turner rainbow'), []);
      });

      it('restricts title:, creator:, subject: and isbn: to their field', async () => {
        assert.deepEqual(await sortedIds('title:hunger'), [
          'riverside-library:2767052',
          'riverside-library:6148028',
          'riverside-library:9001',
        ]);
        assert.deepEqual(await sortedIds('creator:collins'), ['riverside-library:2767052', 'riverside-library:6148028']);
        assert.deepEqual(await sortedIds('author:rowling'), ['riverside-library:3']);
        assert.deepEqual(await sortedIds('subject:landscape'), ['harbour-museum:N02654']);
        assert.deepEqual(await sortedIds('title:"hunger games"'), ['riverside-library:2767052', 'riverside-library:6148028']);
        assert.deepEqual(await sortedIds('Title:Landscape creator:turner'), ['harbour-museum:N01990']);
      });

      it('finds a record by any form of its ISBN, first', async () => {
        for (const q of [
          'isbn:0-439-02348-3',
          'isbn:9780439023481',
          '978-0-439-02348-1',
          '9780439023481',
          '0439023483',
          'isbn:"978 0 439 02348 1"',
        ]) {
          assert.equal((await ids(q))[0], 'riverside-library:2767052', q);
        }
        assert.deepEqual(await ids('isbn:12345'), [], 'no record has that ISBN');
      });

      it('finds a record by its accession number', async () => {
        assert.equal((await ids('A00001'))[0], 'harbour-museum:A00001');
      });

      it('leaves out excluded words and phrases', async () => {
        assert.deepEqual(await sortedIds('hunger -thirst'), [
          'riverside-library:2767052',
          'riverside-library:6148028',
          'riverside-library:9002',
        ]);
        assert.deepEqual(await sortedIds('turner -sunrise'), ['harbour-museum:N01990']);
        assert.deepEqual(await sortedIds('hunger -"hunger games"'), ['riverside-library:9001', 'riverside-library:9002']);
        assert.deepEqual(await sortedIds('collins -title:catching'), ['riverside-library:2767052', 'riverside-library:9003']);
      });

      it('takes a query of exclusions only as everything except them', async () => {
        const result = await search('-turner -李白', { limit: 100 });
        const expected = CATALOG.filter(
          (record) => !/Turner/.test(JSON.stringify(record.creators)) && !/李白/.test(JSON.stringify(record.creators)),
        );
        assert.equal(result.total, expected.length);
        assert.deepEqual(result.hits.map((hit) => hit.id).sort(), expected.map((record) => record.id).sort());
      });

      it('matches either side of OR', async () => {
        assert.deepEqual(await sortedIds('rowling OR collins'), [
          'riverside-library:2767052',
          'riverside-library:3',
          'riverside-library:6148028',
          'riverside-library:9003',
          'riverside-library:9004',
        ]);
        assert.deepEqual(await sortedIds('schutte OR 春曉'), [
          'eastern-university:chunxiao',
          'harbour-museum:P77001',
          'harbour-museum:T11925',
        ]);
        assert.deepEqual(
          await sortedIds('fire OR thirst hunger'),
          ['riverside-library:6148028', 'riverside-library:9001'],
          'OR binds tighter than AND',
        );
      });

      it('keeps every malformed query from failing', async () => {
        const noise = '"(( -- OR :: ** 🙂 静 \\ \' ` {} [] ^ ~ < > NEAR( AND NOT title: '.repeat(8).slice(0, 500);
        const queries = [
          '"unbalanced quote',
          'hunger"',
          '"',
          '""',
          '-',
          '- -',
          'OR',
          'OR hunger',
          'hunger OR',
          'OR OR OR',
          'title:',
          'title: ',
          'isbn:',
          'foo:bar',
          ':::',
          '!!!',
          '🙂🙂🙂',
          '(hunger',
          'hunger)',
          'NOT hunger',
          'hunger AND',
          'hunger*',
          '^hunger',
          'NEAR(hunger games)',
          "'; drop table records; --",
          '\u0000\u0001',
          noise,
        ];
        for (const q of queries) {
          const result = await search(q, { facets: ALL_FACETS });
          assert.ok(result.total >= 0, q);
          assert.ok(Array.isArray(result.hits), q);
        }
        for (const q of ['!!!', '🙂🙂🙂', '-', '"', ':::']) {
          assert.equal((await search(q)).total, 0, `${JSON.stringify(q)} has nothing searchable`);
        }
        assert.deepEqual(await sortedIds('hunger"'), await sortedIds('hunger'));
        assert.deepEqual(await sortedIds('OR hunger OR'), await sortedIds('hunger'));
        assert.deepEqual(await sortedIds('castle:norham'), ['harbour-museum:N05508'], 'an unknown field is just words');
        assert.deepEqual(await sortedIds('foo:castle'), [], 'the words foo and castle: nothing has both');
        assert.ok((await search(noise)).total >= 0);
        for (const q of noiseQueries(150)) {
          const result = await search(q, { facets: ALL_FACETS, sort: 'relevance' });
          assert.ok(result.total >= 0 && result.hits.length <= result.total, JSON.stringify(q));
        }
        // Search still works after the noise.
        assert.equal((await ids('静夜思'))[0], 'eastern-university:jingyesi');
      });
    });

    describe('relevance', () => {
      it('ranks title and creator matches above subject and description matches', async () => {
        const landscape = await ids('landscape');
        assert.deepEqual(landscape.slice(0, 2).sort(), ['harbour-museum:N01990', 'harbour-museum:T01234']);
        assert.deepEqual(landscape.slice(2).sort(), ['harbour-museum:D36110', 'harbour-museum:N02654']);

        const rowling = await ids('rowling');
        assert.deepEqual(rowling.slice(0, 2).sort(), ['riverside-library:3', 'riverside-library:9004']);
        assert.equal(rowling[2], 'riverside-library:9003', 'a mention in the description comes last');
      });

      it('ranks the words as a phrase above the same words scattered', async () => {
        const hits = await ids('hunger games');
        assert.deepEqual(hits.slice(0, 2).sort(), ['riverside-library:2767052', 'riverside-library:6148028']);
        assert.equal(hits[2], 'riverside-library:9001', 'both words in the title, apart');
        assert.equal(hits[3], 'riverside-library:9002', 'one word only in the description');
        assert.equal(hits.length, 4);
      });

      it('matches a quoted phrase only as a phrase', async () => {
        assert.deepEqual(await sortedIds('"hunger games"'), ['riverside-library:2767052', 'riverside-library:6148028']);
        assert.deepEqual(await sortedIds('"games hunger"'), []);
      });

      it('puts the record an ISBN names first, even among other matches', async () => {
        const hits = await ids('collins OR 9780439023498');
        assert.equal(hits[0], 'riverside-library:6148028');
        assert.equal(hits.length, 3);
      });

      it('breaks ties by id, so the order is stable', async () => {
        assert.deepEqual(await ids('untitled anonymous'), ['harbour-museum:X001', 'harbour-museum:X002']);
        const first = await ids('turner');
        assert.deepEqual(await ids('turner'), first);
      });

      it('orders by title when there are no words to rank by', async () => {
        const result = await search('', { member: ['riverside-library'] });
        const expected = CATALOG.filter((record) => record.member === 'riverside-library')
          .sort((a, b) => (foldText(a.title) < foldText(b.title) ? -1 : foldText(a.title) > foldText(b.title) ? 1 : a.id < b.id ? -1 : 1))
          .map((record) => record.id);
        assert.deepEqual(
          result.hits.map((hit) => hit.id),
          expected,
        );
      });
    });

    describe('filters', () => {
      const cases: { name: string; q: string; filters: Filters }[] = [
        { name: 'member', q: '', filters: { member: ['harbour-museum'] } },
        { name: 'two members', q: '', filters: { member: ['harbour-museum', 'eastern-university'] } },
        { name: 'type', q: '', filters: { type: ['text'] } },
        { name: 'language', q: '', filters: { language: ['zh', 'fr'] } },
        { name: 'year range, inclusive', q: '', filters: { year: { from: 1842, to: 1850 } } },
        { name: 'year from', q: '', filters: { year: { from: 2005, to: undefined } } },
        { name: 'year to', q: '', filters: { year: { from: undefined, to: 1822 } } },
        { name: 'available', q: '', filters: { available: true } },
        { name: 'not available', q: '', filters: { available: false } },
        { name: 'words and filters', q: 'turner', filters: { available: true, year: { from: undefined, to: 1849 } } },
        {
          name: 'everything at once',
          q: '',
          filters: { member: ['riverside-library'], language: ['en'], year: { from: 1990, to: undefined }, available: true },
        },
      ];
      for (const { name, q, filters } of cases) {
        it(`filters by ${name}`, async () => {
          const matching = q === '' ? CATALOG : CATALOG.filter((record) => /Turner/.test(JSON.stringify(record.creators)));
          const expected = matching
            .filter((record) => passes(record, filters))
            .map((record) => record.id)
            .sort();
          const result = await search(q, filters);
          assert.equal(result.total, expected.length);
          assert.deepEqual(result.hits.map((hit) => hit.id).sort(), expected);
        });
      }
    });

    describe('facets', () => {
      const cases: { q: string; filters: Filters; matching: (record: RecordInput) => boolean }[] = [
        { q: '', filters: {}, matching: () => true },
        { q: '', filters: { member: ['harbour-museum'] }, matching: () => true },
        { q: '', filters: { member: ['riverside-library'], available: true, year: { from: 2000, to: undefined } }, matching: () => true },
        {
          q: 'turner OR collins',
          filters: { type: ['artwork'] },
          matching: (r) => /Turner|Collins/.test(JSON.stringify([r.creators, r.description])),
        },
        {
          q: '李白 OR schutte',
          filters: { language: ['zh'], available: false },
          matching: (r) => /李白|Schütte/.test(JSON.stringify(r.creators)),
        },
      ];
      for (const { q, filters, matching } of cases) {
        it(`counts each field over the other filters only: q=${JSON.stringify(q)} ${JSON.stringify(filters)}`, async () => {
          const result = await search(q, { ...filters, facets: ALL_FACETS, limit: 1 });
          const expected = expectedFacets(CATALOG.filter(matching), filters, ALL_FACETS);
          for (const field of ALL_FACETS) {
            const actual = Object.fromEntries((result.facets[field] ?? []).map(({ value, count }) => [value, count]));
            assert.deepEqual(actual, expected[field], field);
          }
          assert.equal(result.total, CATALOG.filter((record) => matching(record) && passes(record, filters)).length);
        });
      }

      it('counts only the facets asked for, and decades by their first year', async () => {
        const result = await search('turner', { facets: ['decade'] });
        assert.deepEqual(Object.keys(result.facets), ['decade']);
        assert.deepEqual(result.facets.decade, [
          { value: '1840', count: 2 },
          { value: '1850', count: 1 },
        ]);
        assert.deepEqual((await search('turner')).facets, {});
      });

      it('lists the values most frequent first', async () => {
        const result = await search('', { facets: ['member'] });
        const counts = result.facets.member!.map((value) => value.count);
        assert.deepEqual(
          counts,
          [...counts].sort((a, b) => b - a),
        );
      });
    });

    describe('sorting', () => {
      const byId = (a: RecordInput, b: RecordInput) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const expectations: { sort: SearchRequest['sort']; compare: (a: RecordInput, b: RecordInput) => number }[] = [
        {
          sort: 'year',
          compare: (a, b) => (a.year === undefined ? 1 : 0) - (b.year === undefined ? 1 : 0) || (a.year ?? 0) - (b.year ?? 0) || byId(a, b),
        },
        {
          sort: '-year',
          compare: (a, b) => (a.year === undefined ? 1 : 0) - (b.year === undefined ? 1 : 0) || (b.year ?? 0) - (a.year ?? 0) || byId(a, b),
        },
        {
          sort: 'title',
          compare: (a, b) => (foldText(a.title) < foldText(b.title) ? -1 : foldText(a.title) > foldText(b.title) ? 1 : byId(a, b)),
        },
      ];
      for (const { sort, compare } of expectations) {
        it(`sorts by ${sort}, records without a year last`, async () => {
          assert.deepEqual(
            await ids('', { sort }),
            [...CATALOG].sort(compare).map((record) => record.id),
          );
          const turner = CATALOG.filter((record) => /Turner/.test(JSON.stringify(record.creators)));
          assert.deepEqual(
            await ids('turner', { sort }),
            turner.sort(compare).map((record) => record.id),
          );
        });
      }

      it('folds titles for title order (accents and case do not matter)', async () => {
        const titles = (await ids('', { sort: 'title', member: ['harbour-museum'] })).map(
          (id) => CATALOG.find((record) => record.id === id)!.title,
        );
        assert.ok(titles.indexOf('Große Geister') < titles.indexOf('Landscape with a Rainbow'));
      });
    });

    describe('paging', () => {
      it('pages through a result set without duplicates or gaps in every order', async () => {
        for (const sort of ['relevance', 'year', '-year', 'title'] as const) {
          for (const q of ['', 'turner OR hunger OR 李白', '-turner']) {
            const all = await search(q, { sort, limit: 100 });
            const paged: string[] = [];
            for (let offset = 0; offset < all.total; offset += 3) {
              const page = await search(q, { sort, offset, limit: 3 });
              assert.equal(page.total, all.total);
              paged.push(...page.hits.map((hit) => hit.id));
            }
            assert.deepEqual(
              paged,
              all.hits.map((hit) => hit.id),
              `${sort} ${q}`,
            );
          }
        }
        assert.deepEqual((await search('turner', { offset: 50 })).hits, []);
      });
    });

    describe('highlights', () => {
      it('marks the original text, whatever folding the match needed', async () => {
        const [efficiency] = (await search('schutte efficiency')).hits;
        assert.deepEqual(marked(efficiency!.highlight?.creators), ['Schütte']);
        assert.deepEqual(marked(efficiency!.highlight?.title), ['Efficiency']);
        assert.equal(efficiency!.highlight!.creators!.map((segment) => segment.text).join(''), 'Thomas Schütte');

        const [poem] = (await search('静夜思')).hits;
        assert.deepEqual(marked(poem!.highlight?.title), ['靜夜思']);

        const moon = (await search('明月')).hits.find((hit) => hit.id === 'eastern-university:jingyesi');
        assert.deepEqual(marked(moon!.highlight?.description), ['明月', '明月']);
        const [fire] = (await search('ＣＡＴＣＨＩＮＧ')).hits;
        assert.deepEqual(marked(fire!.highlight?.title), ['Catching']);
      });

      it('marks only fields the term could match, and no ISBN', async () => {
        const [book] = (await search('title:hunger')).hits;
        assert.ok(book!.highlight?.title);
        const [byIsbn] = (await search('9780439023481')).hits;
        assert.equal(byIsbn!.highlight, undefined);
      });

      it('trims a long description to a snippet around the first match', async () => {
        const [hit] = (await search('lighthouse')).hits;
        const snippet = hit!.highlight!.description!;
        const text = snippet.map((segment) => segment.text).join('');
        assert.ok(text.length <= 205, `snippet of ${text.length} characters`);
        assert.ok(text.startsWith('…') && text.endsWith('…'));
        assert.deepEqual(marked(snippet), ['lighthouse']);
      });
    });
  });
}
