// Assembles a relay from its configuration: storage, domain services, HTTP and Socket.IO on one port.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { pino } from 'pino';
import { SearchParams } from '@atrium/sdk';
import { Server as SocketServer } from 'socket.io';
import { z } from 'zod/mini';
import { en } from 'zod/locales';
import { loadConfig, type RelayConfig, type RelayConfigInput } from './config.js';
import { BookingService } from './domain/booking/booking-service.js';
import { HoldService } from './domain/booking/hold-service.js';
import { BookingHousekeeping } from './domain/booking/booking-housekeeping.js';
import { CatalogService } from './domain/catalog/catalog-service.js';
import { ChatService } from './domain/chat/chat-service.js';
import { PatronSessions } from './domain/chat/patron-sessions.js';
import { StaffAuth } from './domain/staff/staff-auth.js';
import { QuestionNotifier } from './domain/reference/question-notifier.js';
import { QuestionService } from './domain/reference/question-service.js';
import { QuestionRateLimits } from './domain/reference/question-rate-limits.js';
import { ReferenceLedger } from './domain/reference/reference-ledger.js';
import { ConsortiumAdmin } from './domain/consortium/consortium-admin.js';
import { SmtpMailer } from './mail/smtp-mailer.js';
import { ReferenceStore } from './storage/reference-store.js';
import { buildApp } from './http/app.js';
import { attachChat } from './realtime/attach-chat.js';
import { ChatRateLimits } from './domain/chat/chat-rate-limits.js';
import { ChatRetention } from './domain/chat/chat-retention.js';
import { OriginPolicy } from './domain/chat/origin-policy.js';
import { PatronRequests } from './domain/chat/patron-requests.js';
import { ChatRatingStore } from './storage/chat-rating-store.js';
import { ChatRetentionStore } from './storage/chat-retention-store.js';
import { MemoryRateLimiter } from './storage/memory-rate-limiter.js';
import { RedisRateLimiter } from './storage/redis-rate-limiter.js';
import type { RateLimiter } from './storage/rate-limiter.js';
import { WidgetKeyStore } from './storage/widget-key-store.js';
import { openSocketAdapter, redactUrl, type SocketAdapter } from './realtime/socket-adapter.js';
import { CannedResponseStore } from './storage/canned-response-store.js';
import { ChatStore } from './storage/chat-store.js';
import { openStorage, type Storage } from './storage/index.js';
import { SqlBookingStore } from './storage/booking-store.js';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

// Validation messages in plain English ("Too big: expected ... <=100") instead of "Invalid input".
z.config(en());

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Relay {
  readonly config: RelayConfig;
  readonly app: FastifyInstance;
  readonly io: SocketServer;
  readonly storage: Storage;
  readonly catalog: CatalogService;
  readonly bookings: BookingService;
  readonly holds: HoldService;
  /** Hourly booking chores: expiring uncollected holds, forgetting old Idempotency-Keys. */
  readonly housekeeping: BookingHousekeeping;
  /** Signs librarians in and checks their tokens (HTTP staff routes, the /librarian namespace). */
  readonly staffAuth: StaffAuth;
  /** Live consultation: conversations, messages, the queue and librarian presence. */
  readonly chat: ChatService;
  /** Erases transcripts past each member's retention period (at start, then hourly). */
  readonly retention: ChatRetention;
  /** Joint reference: questions, the staff queue, service policies and the knowledge base. */
  readonly questions: QuestionService;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops taking connections, lets requests in flight finish, then closes the store. */
  close(): Promise<void>;
}

export async function createRelay(config: RelayConfig): Promise<Relay> {
  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
  });
  const log = pino({ level: config.logLevel });
  let socketAdapter: SocketAdapter | undefined;
  try {
    // Redis first: HTTP routes count their rate limits where chat does.
    socketAdapter = await openSocketAdapter({
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
      onError: (error) => log.warn({ err: error }, 'Redis connection lost; retrying'),
    });
    const adapter = socketAdapter;
    // One node counts in memory; several behind a balancer share Redis counters (RedisRateLimiter).
    const rateLimiter: RateLimiter = adapter.redis ? new RedisRateLimiter(adapter.redis, config.redisPrefix) : new MemoryRateLimiter();
    const chatStore = new ChatStore(storage.db);
    const catalog = new CatalogService(storage, { onlineMembers: () => chatStore.membersWithLibrarianAvailable() });
    const bookingStore = new SqlBookingStore(storage.db, storage.dialect);
    const bookings = new BookingService(bookingStore);
    const holds = new HoldService(bookingStore, storage.catalog);
    const staffAuth = await StaffAuth.open(storage.staff, config.secret === undefined ? {} : { secret: config.secret });
    const referenceStore = new ReferenceStore(storage.db, storage.dialect);
    const notifier = new QuestionNotifier(config.smtpUrl === undefined ? undefined : new SmtpMailer(config.smtpUrl, config.mailFrom), {
      publicUrl: config.publicUrl,
      log: { warn: (details, message) => log.warn(details, message) },
    });
    const questions = new QuestionService(referenceStore, storage.catalog, notifier);
    const app = await buildApp(
      config,
      {
        questions,
        questionLimits: new QuestionRateLimits(rateLimiter, config.questionRateLimits),
        ledger: new ReferenceLedger(referenceStore),
        admin: new ConsortiumAdmin(storage.consortium),
        catalog,
        staffAuth,
        bookings,
        holds,
        cannedResponses: new CannedResponseStore(storage.db),
        version,
        health: { database: async () => void (await sql`select 1`.execute(storage.db)) },
      },
      log,
    );
    if (config.demo) await loadDemo(storage, questions, config.demoDataDir, app.log);
    // The first search builds the index's in-memory columns; do it now, not for the first patron.
    await catalog.search(SearchParams.parse({ q: 'warm' }));
    if (config.redisUrl === undefined) app.log.info({ adapter: adapter.name }, 'Socket.IO adapter: in-memory (one relay node)');
    else
      app.log.info({ adapter: adapter.name, redis: redactUrl(config.redisUrl) }, 'Socket.IO adapter: Redis streams (several relay nodes)');
    const io = new SocketServer(app.server, { serveClient: false, cors: { origin: true }, ...adapter.serverOptions });
    const chat = new ChatService(chatStore);
    // Patron tokens come from the same secret as staff tokens, under a key and audience of their own.
    const sessions = new PatronSessions(config.secret ?? (await storage.staff.signingSecret()));
    const retentionStore = new ChatRetentionStore(storage.db, storage.dialect);
    const safety = {
      origins: new OriginPolicy(new WidgetKeyStore(storage.db), { demo: config.demo }),
      limits: new ChatRateLimits(rateLimiter, config.chatRateLimits),
      requests: new PatronRequests(chat, new ChatRatingStore(storage.db), retentionStore),
      trustProxy: config.trustProxy,
    };
    attachChat(io, { chat, sessions, staffAuth, safety, log: app.log });
    const retention = new ChatRetention(retentionStore);
    const stopPurging = retention.schedule((outcome) => {
      if ('error' in outcome) app.log.error({ err: outcome.error }, 'chat retention purge failed');
      else if (outcome.summary.conversations > 0)
        app.log.info(outcome.summary, 'chat retention purge: erased conversations past their retention period');
      else app.log.debug('chat retention purge: nothing to erase');
    });
    const housekeeping = new BookingHousekeeping(bookingStore, holds, {
      onError: (error) => app.log.error({ err: error }, 'booking housekeeping failed'),
      onReport: (report) => app.log.info(report, 'booking housekeeping'),
    });
    housekeeping.start();

    let closing: Promise<void> | undefined;
    return {
      config,
      app,
      io,
      storage,
      catalog,
      bookings,
      holds,
      housekeeping,
      staffAuth,
      chat,
      retention,
      questions,
      async listen() {
        await app.listen({ port: config.port, host: config.host });
        const address = app.server.address() as AddressInfo;
        const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
        return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      },
      close() {
        closing ??= (async () => {
          // Socket.IO's own close() would also close the HTTP server under Fastify's feet.
          await housekeeping.stop();
          await stopPurging();
          // Local: through the Redis adapter a plain disconnectSockets() would reach every node's sockets.
          io.local.disconnectSockets(true);
          io.engine.close();
          await app.close();
          await notifier.close();
          await adapter.close(io);
          await storage.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await socketAdapter?.close();
    await storage.close();
    throw error;
  }
}

/** Builds and starts a relay in one call: for tests, benchmarks and embedding. */
export async function startRelay(input: RelayConfigInput = {}): Promise<{ url: string; relay: Relay; close(): Promise<void> }> {
  const relay = await createRelay(loadConfig(input, {}));
  const url = await relay.listen();
  return { url, relay, close: () => relay.close() };
}

/**
 * The demo consortium, loaded only for `--demo` (its modules and its file are read then, never
 * on a real consortium's start): all of it into an empty catalog, otherwise what the demo has
 * gained since an earlier release (each part is idempotent).
 */
async function loadDemo(
  storage: Storage,
  questions: Parameters<typeof import('./demo/reference.js').seedDemoReference>[0],
  dataDir: string,
  log: FastifyBaseLogger,
): Promise<void> {
  const { seedDemo, isCatalogEmpty } = await import('./demo/seed.js');
  if (await isCatalogEmpty(storage)) {
    log.info('catalog is empty: loading the demo consortium');
    const started = Date.now();
    await seedDemo(storage, { dataDir });
    log.info({ ms: Date.now() - started }, 'demo consortium loaded');
    return;
  }
  const [{ seedDemoConsortium }, { seedDemoLibrarians }, { seedDemoReference }, { seedDemoCannedResponses }] = await Promise.all([
    import('./demo/consortium.js'),
    import('./demo/librarians.js'),
    import('./demo/reference.js'),
    import('./demo/canned-responses.js'),
  ]);
  await seedDemoConsortium(storage.consortium);
  await seedDemoLibrarians(storage);
  await seedDemoReference(questions);
  await seedDemoCannedResponses(storage);
}
