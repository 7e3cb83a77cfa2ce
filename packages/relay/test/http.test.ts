// The discovery API as partner sites and SDK users meet it: a real relay on port 0, seeded
// with the demo consortium, driven over real HTTP.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startDemoRelay } from './helpers/demo-relay.js';

let url = '';
let close: () => Promise<void>;

before(async () => {
  ({ url, close } = await startDemoRelay());
});
after(() => close());

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { headers });
  const text = await response.text();
  return { response, status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function search(params: Record<string, string>) {
  const result = await get(`/v1/search?${new URLSearchParams(params)}`);
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return result.body;
}

describe('health and description', () => {
  it('answers /healthz once the store is reachable', async () => {
    const { status, body } = await get('/healthz');
    assert.equal(status, 200);
    assert.equal(body.status, 'ok');
  });

  it('publishes an OpenAPI document generated from the shared schemas', async () => {
    const { status, body } = await get('/v1/openapi.json');
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    const parameters = body.paths['/v1/search'].get.parameters.map((p: { name: string }) => p.name);
    for (const name of ['q', 'member', 'type', 'language', 'year', 'available', 'sort', 'limit', 'cursor', 'facets']) {
      assert.ok(parameters.includes(name), `search parameter ${name} is documented`);
    }
    assert.deepEqual(body.components.schemas.SearchResponse.required.sort(), ['facets', 'items', 'nextCursor', 'tookMs', 'total']);
    assert.ok(body.components.schemas.CatalogRecord.properties.holdings);
  });

  it('documents every /v1 route the relay serves', async () => {
    const { body } = await get('/v1/openapi.json');
    const routesDir = new URL('../src/http/routes/', import.meta.url);
    const served = readdirSync(routesDir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(new URL(file, routesDir), 'utf8').matchAll(/app\.(get|post|put|patch|delete)\('(\/v1\/[^']*)'/g)])
      .map(([, method, path]) => [method!, path!.replace(/:(\w+)/g, '{$1}')] as const);
    assert.ok(served.length > 30, 'the route files were read');
    const missing = served
      .filter(([method, path]) => !body.paths[path]?.[method])
      .map(([method, path]) => `${method.toUpperCase()} ${path}`);
    assert.deepEqual(missing, []);
  });
});

describe('members', () => {
  it('lists the demo consortium with branches and names in English and Chinese', async () => {
    const { status, body } = await get('/v1/members');
    assert.equal(status, 200);
    const ids = body.items.map((m: { id: string }) => m.id).sort();
    assert.deepEqual(ids, ['eastern-university', 'harbour-museum', 'riverside-library']);
    for (const member of body.items) {
      assert.ok(member.branches.length >= 2, `${member.id} has two or more branches`);
      assert.ok(member.name.en && member.name.zh, `${member.id} is named in both languages`);
      assert.equal(typeof member.online, 'boolean');
    }
  });

  it('gives Chinese names in both scripts, for Simplified and Traditional readers', async () => {
    const { body } = await get('/v1/members');
    const library = body.items.find((m: { id: string }) => m.id === 'riverside-library');
    assert.match(library.name.zhHant, /圖書館/);
    assert.match(library.name.zhHans, /图书馆/);
    for (const branch of library.branches) assert.ok(branch.name.zhHans && branch.name.zhHant, `${branch.id} in both scripts`);
  });
});

describe('search', () => {
  it('finds across members with facets, counts and timing', async () => {
    const body = await search({ q: 'harry potter' });
    assert.ok(body.total > 0);
    assert.match(body.items[0].title, /Harry Potter/i);
    assert.equal(body.items[0].member, 'riverside-library');
    assert.ok(body.items[0].holdings.length > 0, 'results carry holdings');
    assert.ok(Array.isArray(body.facets.member) && body.facets.member.length > 0);
    const memberTotal = body.facets.member.reduce((sum: number, f: { count: number }) => sum + f.count, 0);
    assert.equal(memberTotal, body.total, 'member facet counts add up to the total');
    assert.equal(typeof body.tookMs, 'number');
  });

  it('folds Simplified and Traditional Chinese both ways', async () => {
    const simplified = await search({ q: '静夜思' });
    const traditional = await search({ q: '靜夜思' });
    assert.ok(simplified.total > 0, '静夜思 finds the poem');
    assert.equal(simplified.total, traditional.total);
    assert.match(simplified.items[0].title, /靜夜思/);
    assert.equal(simplified.items[0].member, 'eastern-university');
  });

  it('finds a book by ISBN-10 with hyphens, ranked first', async () => {
    const body = await search({ q: 'isbn:0-439-02348-3' });
    assert.equal(body.items[0]?.id, 'riverside-library:1');
    assert.ok(body.items[0].identifiers.isbn.includes('9780439023481'));
  });

  it('filters by member and reports the selection in facets', async () => {
    const body = await search({ q: '', member: 'harbour-museum', limit: '5' });
    assert.ok(body.total > 0);
    assert.ok(body.items.every((r: { member: string }) => r.member === 'harbour-museum'));
    const selected = body.facets.member.find((f: { value: string }) => f.value === 'harbour-museum');
    assert.equal(selected.selected, true);
    assert.ok(body.facets.member.length > 1, 'other members still offered (disjunctive facets)');
  });

  it('pages with cursors over a whole result set without gaps or repeats', async () => {
    const first = await search({ q: 'love', limit: '7', facets: 'none' });
    const seen = new Set<string>();
    let page = first;
    for (let guard = 0; guard < 50; guard++) {
      for (const item of page.items) {
        assert.ok(!seen.has(item.id), `repeated ${item.id}`);
        seen.add(item.id);
      }
      if (!page.nextCursor) break;
      page = await search({ q: 'love', limit: '7', facets: 'none', cursor: page.nextCursor });
    }
    assert.equal(seen.size, first.total);
  });

  it('never answers a malformed or nonsense query with a 500', async () => {
    for (const q of ['"', '-', 'OR', 'title:', '((( ]]', '💥💥', '"unclosed phrase', 'AND OR NOT', '-"', ':::', 'zzqxjv']) {
      const { status, body } = await get(`/v1/search?${new URLSearchParams({ q })}`);
      assert.equal(status, 200, `q=${q} gave ${status}: ${JSON.stringify(body)}`);
      assert.equal(typeof body.total, 'number');
    }
  });

  const badParams: Array<[Record<string, string>, string]> = [
    [{ limit: '1000' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ year: '1900..1800' }, 'year'],
    [{ year: 'last year' }, 'year'],
    [{ type: 'spaceship' }, 'type.0'],
    [{ sort: 'random' }, 'sort'],
    [{ available: 'maybe' }, 'available'],
    [{ q: 'x'.repeat(501) }, 'q'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
  ];
  for (const [params, field] of badParams) {
    it(`answers 400 problem+json naming "${field}" for ${JSON.stringify(params).slice(0, 40)}`, async () => {
      const { response, status, body } = await get(`/v1/search?${new URLSearchParams(params)}`);
      assert.equal(status, 400);
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.ok(
        body.errors.some((e: { path: string }) => e.path === field),
        JSON.stringify(body),
      );
      assert.ok(body.detail.length > 0 && body.requestId && body.code);
    });
  }

  it('rejects a cursor taken from another query', async () => {
    const page = await search({ q: 'love', limit: '2', facets: 'none' });
    assert.ok(page.nextCursor);
    const { status, body } = await get(`/v1/search?${new URLSearchParams({ q: 'war', limit: '2', cursor: page.nextCursor })}`);
    assert.equal(status, 400);
    assert.equal(body.errors[0].path, 'cursor');
  });
});

describe('records', () => {
  it('returns a record with holdings', async () => {
    const { status, body } = await get('/v1/records/riverside-library:1');
    assert.equal(status, 200);
    assert.equal(body.id, 'riverside-library:1');
    assert.ok(body.holdings.length > 0);
    for (const holding of body.holdings) assert.equal(holding.member, 'riverside-library');
  });

  it('says whether a hold can be placed, by the owning member’s lending policy', async () => {
    const onShelf = await get('/v1/search?member=riverside-library&type=book&available=true&limit=1&facets=none');
    const book = await get(`/v1/records/${encodeURIComponent(onShelf.body.items[0].id as string)}`);
    assert.equal(book.body.holdable, true, 'the public library lends its books');
    const referenceOnly = await get('/v1/records/riverside-library:1');
    assert.deepEqual(
      referenceOnly.body.holdings.map((holding: { status: string }) => holding.status),
      ['reference-only'],
    );
    assert.equal(referenceOnly.body.holdable, false, 'a copy that cannot leave the building cannot be held');
    const search = await get('/v1/search?member=harbour-museum&limit=1&facets=none');
    const objectId = search.body.items[0].id as string;
    const object = await get(`/v1/records/${encodeURIComponent(objectId)}`);
    assert.ok(
      object.body.holdings.some((holding: { status: string }) => holding.status !== 'reference-only' && holding.status !== 'missing'),
      'a copy is on the shelf',
    );
    assert.equal(object.body.holdable, false, 'the museum lends nothing, so no hold is offered');
  });

  it('answers 404 problem+json for a record that does not exist', async () => {
    const { status, body } = await get('/v1/records/riverside-library:does-not-exist');
    assert.equal(status, 404);
    assert.equal(body.code, 'record_not_found');
  });

  it('answers 400 for an id that is not a record id', async () => {
    const { status, body } = await get('/v1/records/no-colon-here');
    assert.equal(status, 400);
    assert.equal(body.errors[0].path, 'id');
  });
});

describe('protocol', () => {
  it('echoes a caller request id and quotes it in problems', async () => {
    const { response, body } = await get('/v1/records/nope', { 'x-request-id': 'partner-trace-1' });
    assert.equal(response.headers.get('x-request-id'), 'partner-trace-1');
    assert.equal(body.requestId, 'partner-trace-1');
  });

  it('answers unknown paths with 404 problem+json', async () => {
    const { status, body } = await get('/v1/nothing-here');
    assert.equal(status, 404);
    assert.equal(body.code, 'not_found');
  });

  it('lets a partner page on another origin call the API (CORS)', async () => {
    const { response } = await get('/v1/members', { origin: 'https://www.riverside.example' });
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://www.riverside.example');
  });
});
