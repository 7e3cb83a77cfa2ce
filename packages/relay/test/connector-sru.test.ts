// Live availability over SRU from real servers (yaz-ztest, zebrasrv), and within budget when the
// server is stopped or answers garbage.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Registry } from 'prom-client';
import { ConnectorRegistry } from '../src/connectors/index.js';
import { marcFromXml, peerAvailable, startGarbageServer, startZebra, startZtest, yazClient, freePort } from './helpers/connector-peers.js';

const hasZtest = await peerAvailable('yaz-ztest');
const hasZebra = (await peerAvailable('zebrasrv')) && (await peerAvailable('zebraidx'));

const record = (localId: string, copies: string) => `<record xmlns="http://www.loc.gov/MARC21/slim">
  <leader>00000nam a2200000 a 4500</leader>
  <controlfield tag="001">${localId}</controlfield>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">Harbour tides</subfield></datafield>
  ${copies}
</record>`;

const item = (branch: string, callNumber: string, due?: string) =>
  `<datafield tag="952" ind1=" " ind2=" "><subfield code="a">${branch}</subfield><subfield code="b">${branch}</subfield><subfield code="o">${callNumber}</subfield>${due ? `<subfield code="q">${due}</subfield>` : ''}</datafield>`;

describe('SRU connector against yaz-ztest', { skip: !hasZtest }, () => {
  let peer: Awaited<ReturnType<typeof startZtest>>;
  before(async () => (peer = await startZtest()));
  after(async () => peer?.stop());

  test("a record's copies are the server's OPAC holding, as yaz-client reads it over Z39.50", async () => {
    const connectors = new ConnectorRegistry();
    await connectors.configure('lakeside', { kind: 'sru', url: peer.url, recordSchema: 'OP', batch: 1 });
    const answer = await connectors.get('lakeside')!.availability([{ id: 'lakeside:1234', localId: '1234' }]);
    const result = answer.get('lakeside:1234');
    assert.equal(result?.status, 'live');
    const yaz = await yazClient(`open tcp:127.0.0.1:${peer.port}\nformat opac\nfind @attr 1=12 1234\nshow 1`);
    const callNumber = /callNumber: (.+)/.exec(yaz)?.[1]?.trim();
    const location = /localLocation: (.+)/.exec(yaz)?.[1]?.trim();
    assert.equal(/availableNow: (\d)/.exec(yaz)?.[1], '1');
    assert.deepEqual(result.holdings, [{ member: 'lakeside', branch: location, callNumber, status: 'available' }]);
    await connectors.close();
  });
});

describe('SRU connector against zebrasrv', { skip: !hasZebra }, () => {
  let peer: Awaited<ReturnType<typeof startZebra>>;
  let marc: string;
  before(async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const dir = await mkdtemp((await import('node:os')).tmpdir() + '/atrium-marc-');
    marc = dir;
    const file = await marcFromXml(
      dir,
      'first',
      `<collection xmlns="http://www.loc.gov/MARC21/slim">${record('atr-1', item('CEN', 'QA 76 .C6') + item('NTH', 'QA 76 .C6 c.2', '2026-12-24'))}${record('atr-2', item('CEN', 'PR 1 .A2'))}</collection>`,
    );
    peer = await startZebra([file]);
  });
  after(async () => peer?.stop());

  test('a page of records is asked in one request and each gets the copies of its own 952 fields', async () => {
    const connectors = new ConnectorRegistry();
    await connectors.configure('lakeside', {
      kind: 'sru',
      url: peer.url,
      holdingsProfile: { branches: { CEN: 'central', NTH: 'north' } },
    });
    const answer = await connectors.get('lakeside')!.availability([
      { id: 'lakeside:atr-1', localId: 'atr-1' },
      { id: 'lakeside:atr-2', localId: 'atr-2' },
    ]);
    assert.deepEqual(answer.get('lakeside:atr-1'), {
      status: 'live',
      checkedAt: (answer.get('lakeside:atr-1') as { checkedAt: Date }).checkedAt,
      holdings: [
        { member: 'lakeside', branch: 'central', callNumber: 'QA 76 .C6', status: 'available' },
        { member: 'lakeside', branch: 'north', callNumber: 'QA 76 .C6 c.2', status: 'on-loan', dueDate: '2026-12-24' },
      ],
    });
    const yaz = await yazClient(`open tcp:127.0.0.1:${peer.port}\nformat usmarc\nfind @attr 1=12 atr-2\nshow 1`);
    assert.match(yaz, /952 .*\$o PR 1 \.A2/);
    assert.equal((answer.get('lakeside:atr-2') as unknown as { holdings: { callNumber: string }[] }).holdings[0]?.callNumber, 'PR 1 .A2');
    await connectors.close();
  });

  test('a copy returned in the library shows as available once the record changes there', async () => {
    const changed = await marcFromXml(
      marc,
      'changed',
      `<collection xmlns="http://www.loc.gov/MARC21/slim">${record('atr-1', item('CEN', 'QA 76 .C6') + item('NTH', 'QA 76 .C6 c.2'))}</collection>`,
    );
    await peer.update(changed);
    const connectors = new ConnectorRegistry();
    await connectors.configure('lakeside', { kind: 'sru', url: peer.url, batch: 1 });
    const answer = await connectors.get('lakeside')!.availability([{ id: 'lakeside:atr-1', localId: 'atr-1' }]);
    const result = answer.get('lakeside:atr-1');
    assert.equal(result?.status, 'live');
    assert.deepEqual(
      result.holdings.map((holding) => holding.status),
      ['available', 'available'],
    );
    await connectors.close();
  });
});

describe('SRU connector when the server cannot answer', () => {
  test('a stopped server gives "unavailable" within budget, and the metrics count the error', async () => {
    const registry = new Registry();
    const connectors = new ConnectorRegistry({ registry, guard: { budgetMs: 300 } });
    await connectors.configure('lakeside', { kind: 'sru', url: `http://127.0.0.1:${await freePort()}/Default` });
    const started = performance.now();
    const answer = await connectors.get('lakeside')!.availability([{ id: 'lakeside:1', localId: '1' }]);
    assert.ok(performance.now() - started < 400);
    assert.deepEqual(answer.get('lakeside:1'), { status: 'unavailable', reason: 'unreachable' });
    assert.equal(connectors.get('lakeside')!.connection().state, 'down');
    assert.match(
      await registry.metrics(),
      /atrium_connector_errors_total\{member="lakeside",kind="sru",operation="availability",reason="unreachable"\} 1/,
    );
    await connectors.close();
  });

  test('a server answering garbage and holding the connection gives "unavailable" within budget', async () => {
    const garbage = await startGarbageServer();
    const connectors = new ConnectorRegistry({ guard: { budgetMs: 300, failureThreshold: 2 } });
    await connectors.configure('lakeside', { kind: 'sru', url: `http://127.0.0.1:${garbage.port}/Default` });
    const connector = connectors.get('lakeside')!;
    const started = performance.now();
    const first = await connector.availability([{ id: 'lakeside:1', localId: '1' }]);
    assert.ok(performance.now() - started < 400);
    assert.equal(first.get('lakeside:1')?.status, 'unavailable');
    await connector.availability([{ id: 'lakeside:1', localId: '1' }]);
    const third = await connector.availability([{ id: 'lakeside:1', localId: '1' }]);
    assert.deepEqual(third.get('lakeside:1'), { status: 'unavailable', reason: 'circuit-open' });
    await connectors.close();
    await garbage.stop();
  });
});
