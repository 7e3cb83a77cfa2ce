// Bookings per second through real HTTP on a relay: all requests for one contested slot, and
// requests spread over many slots that nobody else wants; SQLite, and PostgreSQL when reachable.
//
//   node --import tsx bench/booking.ts [--requests N] [--concurrency C] [--pg postgres://...]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startRelay } from '../packages/relay/src/index.js';
import { SqlBookingStore, type ResourceInput } from '../packages/relay/src/storage/booking-store.js';
import { formatTable, percentiles } from './support/stats.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    pg: { type: 'string', default: process.env.ATRIUM_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const MEMBER = 'bench-member';
const SPREAD_RESOURCES = 20;

async function pgReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const resource = (slug: string, capacity: number): ResourceInput => ({
  id: `${MEMBER}:${slug}`,
  member: MEMBER,
  branch: 'main',
  kind: 'visit',
  name: { en: slug },
  capacity,
  placesPer: 'person',
  maxPartySize: 1,
  slotMinutes: 30,
  maxDaysAhead: 400,
  maxActivePerPatron: 1_000_000,
});

/** Sends `bodies` with at most `concurrency` in flight; returns statuses and latencies. */
async function fire(url: string, bodies: unknown[]): Promise<{ seconds: number; statuses: number[]; latencies: number[] }> {
  const statuses: number[] = [];
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const t0 = performance.now();
        const response = await fetch(`${url}/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomBytes(12).toString('hex') },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.push(response.status);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, statuses, latencies };
}

async function run(database: 'sqlite' | 'postgres'): Promise<Array<Array<string | number>>> {
  let tempDir: string | undefined;
  const schema = `atrium_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  let databaseUrl: string;
  if (database === 'sqlite') {
    tempDir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-booking-'));
    databaseUrl = `sqlite:${path.join(tempDir, 'atrium.db')}`;
  } else {
    databaseUrl = values.pg!;
  }
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    databaseUrl,
    ...(database === 'postgres' ? { pgSchema: schema } : {}),
  });
  try {
    const storage = relay.relay.storage;
    await storage.catalog.upsertMembers([
      { id: MEMBER, name: { en: 'Bench' }, kind: 'public-library', branches: [{ id: 'main', name: { en: 'Main' } }], timezone: 'UTC' },
    ]);
    const store = new SqlBookingStore(storage.db, storage.dialect);
    const allDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]));
    await store.upsertBranchHours([{ member: MEMBER, branch: 'main', weekly: allDay, closed: [] }]);
    await store.upsertResources([
      resource('contested', requests),
      ...Array.from({ length: SPREAD_RESOURCES }, (_, i) => resource(`spread-${i}`, 1)),
    ]);

    const day = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + 2 * 86_400_000;
    const slot = (index: number) => ({
      start: new Date(day + index * 1_800_000).toISOString(),
      end: new Date(day + (index + 1) * 1_800_000).toISOString(),
    });
    const patron = (i: number) => ({ name: `Bench ${i}`, email: `bench${i}@example.org` });

    const rows: Array<Array<string | number>> = [];
    const contested = Array.from({ length: requests }, (_, i) => ({ resourceId: `${MEMBER}:contested`, ...slot(0), patron: patron(i) }));
    const spread = Array.from({ length: requests }, (_, i) => ({
      resourceId: `${MEMBER}:spread-${i % SPREAD_RESOURCES}`,
      ...slot(Math.floor(i / SPREAD_RESOURCES)),
      patron: patron(i),
    }));
    // A last place fought over: twenty times more requests than places.
    const scarce = Array.from({ length: requests }, (_, i) => ({ resourceId: `${MEMBER}:spread-0`, ...slot(5000), patron: patron(i) }));

    for (const [name, bodies, places] of [
      ['one contested slot', contested, requests],
      ['many uncontested slots', spread, requests],
      ['one place, all want it', scarce, 1],
    ] as const) {
      const result = await fire(relay.url, bodies as unknown[]);
      const confirmed = result.statuses.filter((s) => s === 201).length;
      const other = result.statuses.filter((s) => s !== 201 && s !== 409).length;
      if (confirmed !== places || other > 0)
        throw new Error(`${database} ${name}: ${confirmed} confirmed of ${places} places, ${other} unexpected answers`);
      const p = percentiles(result.latencies);
      rows.push([
        `${database}: ${name}`,
        String(requests),
        String(confirmed),
        result.statuses.length / result.seconds,
        confirmed / result.seconds,
        p.p50,
        p.p95,
        p.p99,
      ]);
    }
    return rows;
  } finally {
    await relay.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    if (database === 'postgres') {
      const client = new pg.Client({ connectionString: values.pg });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }
}

const rows = await run('sqlite');
if (await pgReachable(values.pg!)) rows.push(...(await run('postgres')));
else process.stderr.write(`PostgreSQL at ${values.pg} unreachable: SQLite only\n`);

process.stdout.write(`POST /v1/bookings over HTTP, ${requests} requests per case, ${concurrency} in flight, Idempotency-Key on each\n\n`);
process.stdout.write(formatTable(['case', 'requests', 'confirmed', 'answers/s', 'bookings/s', 'p50 ms', 'p95 ms', 'p99 ms'], rows));
