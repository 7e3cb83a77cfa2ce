// The SDK's behaviour on a network that fails: retries, Retry-After, timeouts, cancellation,
// problem+json errors and answers that break the schema. A local HTTP server plays the
// misbehaving relay or proxy, since a real relay cannot be made to fail on cue.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, ConnectionError, createClient, TimeoutError, ValidationError } from '../src/index.js';
import { json, useScriptedRelay } from './helpers/scripted-relay.js';

const relay = useScriptedRelay();
const seen = relay.seen;
const handlers = relay.handlers;

const page = (items: unknown[] = [], nextCursor: string | null = null) => ({
  total: items.length,
  items,
  facets: {},
  nextCursor,
  tookMs: 1,
});
const record = (id: string) => ({
  id,
  member: 'riverside-library',
  type: 'book',
  title: `Book ${id}`,
  creators: [{ name: 'A. Writer' }],
  subjects: [],
  identifiers: {},
  holdings: [],
});
const problem = (status: number, code: string) => ({
  type: `https://atrium.dev/problems/${code}`,
  title: 'x',
  status,
  code,
  detail: `detail of ${code}`,
  requestId: 'req-42',
  errors: [{ path: 'limit', message: 'Too big' }],
});

describe('createClient', () => {
  it('refuses to start without a baseUrl', () => {
    assert.throws(() => createClient({} as never), /baseUrl/);
  });

  it('encodes a search as the documented query string', async () => {
    handlers.push(json(200, page()));
    const client = createClient({ baseUrl: `${relay.baseUrl}/` });
    await client.search({
      q: 'static "night thoughts"',
      member: ['eastern-university', 'riverside-library'],
      year: { from: 700 },
      available: true,
      facets: ['member', 'type'],
    });
    const url = new URL(seen[0]!.url, relay.baseUrl);
    assert.equal(url.pathname, '/v1/search');
    assert.equal(url.searchParams.get('q'), 'static "night thoughts"');
    assert.equal(url.searchParams.get('member'), 'eastern-university,riverside-library');
    assert.equal(url.searchParams.get('year'), '700..');
    assert.equal(url.searchParams.get('available'), 'true');
    assert.equal(url.searchParams.get('facets'), 'member,type');
  });

  it('rejects invalid arguments before sending anything', async () => {
    const client = createClient({ baseUrl: relay.baseUrl });
    await assert.rejects(client.search({ q: 'x', limit: 1000 }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.equal(error.issues[0]?.path, 'limit');
      return true;
    });
    assert.equal(seen.length, 0);
  });
});

describe('errors', () => {
  it('turns problem+json into an ApiError with status, code, requestId and field errors', async () => {
    handlers.push(json(400, problem(400, 'invalid_request')));
    const client = createClient({ baseUrl: relay.baseUrl });
    await assert.rejects(client.search({ q: 'x' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.requestId, 'req-42');
      assert.equal(error.message, 'detail of invalid_request');
      assert.deepEqual(error.errors, [{ path: 'limit', message: 'Too big' }]);
      return true;
    });
    assert.equal(seen.length, 1, 'a 400 is not retried');
  });

  it('gives an ApiError for a non-JSON error page from a proxy', async () => {
    handlers.push((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'));
    await assert.rejects(createClient({ baseUrl: relay.baseUrl }).records.get('riverside-library:1'), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'http_404');
      return true;
    });
  });

  it('throws a ValidationError naming the field when an answer breaks the schema', async () => {
    handlers.push(
      json(200, { ...record('riverside-library:1'), holdings: [{ member: 'riverside-library', branch: 'x', status: 'teleported' }] }),
    );
    await assert.rejects(createClient({ baseUrl: relay.baseUrl }).records.get('riverside-library:1'), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.equal(error.issues[0]?.path, 'holdings.0.status');
      return true;
    });
  });

  it('throws a ConnectionError when nothing listens', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', retries: 0 });
    await assert.rejects(client.members.list(), ConnectionError);
  });
});

describe('retries', () => {
  it('retries a 503 and returns the later answer', async () => {
    handlers.push(json(503, problem(503, 'unavailable'), { 'retry-after': '0' }), json(200, { items: [] }));
    const result = await createClient({ baseUrl: relay.baseUrl }).members.list();
    assert.deepEqual(result, { items: [] });
    assert.equal(seen.length, 2);
  });

  it('waits as long as Retry-After asks on a 429', async () => {
    handlers.push(json(429, problem(429, 'rate_limited'), { 'retry-after': '1' }), json(200, { items: [] }));
    const started = Date.now();
    await createClient({ baseUrl: relay.baseUrl }).members.list();
    assert.ok(Date.now() - started >= 950, 'the second attempt came before Retry-After');
  });

  it('gives up after the configured number of retries with the last error', async () => {
    handlers.push(...Array.from({ length: 3 }, () => json(502, problem(502, 'bad_gateway'), { 'retry-after': '0' })));
    await assert.rejects(
      createClient({ baseUrl: relay.baseUrl, retries: 2 }).members.list(),
      (error: unknown) => error instanceof ApiError && error.status === 502,
    );
    assert.equal(seen.length, 3);
  });

  it('does not wait for a Retry-After of more than a minute', async () => {
    handlers.push(json(503, problem(503, 'maintenance'), { 'retry-after': '3600' }));
    await assert.rejects(createClient({ baseUrl: relay.baseUrl }).members.list(), ApiError);
    assert.equal(seen.length, 1);
  });
});

describe('timeouts and cancellation', () => {
  it('throws a TimeoutError when the relay does not answer in time', async () => {
    handlers.push(() => {});
    await assert.rejects(createClient({ baseUrl: relay.baseUrl, timeoutMs: 100, retries: 0 }).members.list(), TimeoutError);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    handlers.push(
      () => {},
      () => {},
    );
    const controller = new AbortController();
    const pending = createClient({ baseUrl: relay.baseUrl, timeoutMs: 5000 }).members.list({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('patron typed again')), 50);
    await assert.rejects(pending, /patron typed again/);
    assert.equal(seen.length, 1);
  });
});

describe('search.iterate', () => {
  it('walks every page once, following nextCursor, without counting facets again', async () => {
    handlers.push(
      json(200, page([record('riverside-library:1'), record('riverside-library:2')], 'c2')),
      json(200, page([record('riverside-library:3')], null)),
    );
    const ids: string[] = [];
    for await (const item of createClient({ baseUrl: relay.baseUrl }).search.iterate({ q: 'book', limit: 2 })) ids.push(item.id);
    assert.deepEqual(ids, ['riverside-library:1', 'riverside-library:2', 'riverside-library:3']);
    assert.equal(new URL(seen[1]!.url, relay.baseUrl).searchParams.get('cursor'), 'c2');
    assert.equal(new URL(seen[1]!.url, relay.baseUrl).searchParams.get('facets'), 'none');
  });

  it('fetches no further page when the caller stops early', async () => {
    handlers.push(json(200, page([record('riverside-library:1'), record('riverside-library:2')], 'c2')));
    for await (const _item of createClient({ baseUrl: relay.baseUrl }).search.iterate({ q: 'book' })) break;
    assert.equal(seen.length, 1);
  });
});
