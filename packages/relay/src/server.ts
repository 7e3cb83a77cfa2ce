// Assembles a relay from its configuration: storage, domain services, HTTP and Socket.IO on one port.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SearchParams } from '@atrium/sdk';
import { Server as SocketServer } from 'socket.io';
import { z } from 'zod/mini';
import { en } from 'zod/locales';
import { loadConfig, type RelayConfig, type RelayConfigInput } from './config.js';
import { seedDemo, isCatalogEmpty } from './demo/seed.js';
import { seedDemoBooking } from './demo/booking.js';
import { BookingService } from './domain/booking/booking-service.js';
import { HoldService } from './domain/booking/hold-service.js';
import { CatalogService } from './domain/catalog/catalog-service.js';
import { ChatService } from './domain/chat/chat-service.js';
import { PatronSessions } from './domain/chat/patron-sessions.js';
import { StaffAuth } from './domain/staff/staff-auth.js';
import { seedDemoLibrarians } from './demo/librarians.js';
import { buildApp } from './http/app.js';
import { attachChat } from './realtime/attach-chat.js';
import { ChatStore } from './storage/chat-store.js';
import { openStorage, type Storage } from './storage/index.js';
import { SqlBookingStore } from './storage/booking-store.js';
import type { FastifyInstance } from 'fastify';

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
  /** Signs librarians in and checks their tokens (HTTP staff routes, the /librarian namespace). */
  readonly staffAuth: StaffAuth;
  /** Live consultation: conversations, messages, the queue and librarian presence. */
  readonly chat: ChatService;
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
  try {
    const chatStore = new ChatStore(storage.db);
    const catalog = new CatalogService(storage, { onlineMembers: () => chatStore.membersWithLibrarianAvailable() });
    const bookingStore = new SqlBookingStore(storage.db, storage.dialect);
    const bookings = new BookingService(bookingStore);
    const holds = new HoldService(bookingStore, storage.catalog);
    const staffAuth = await StaffAuth.open(storage.staff, config.secret === undefined ? {} : { secret: config.secret });
    const app = await buildApp(config, {
      catalog,
      staffAuth,
      bookings,
      holds,
      version,
      health: { database: async () => void (await sql`select 1`.execute(storage.db)) },
    });
    if (config.demo && (await isCatalogEmpty(storage))) {
      app.log.info('catalog is empty: loading the demo consortium');
      const started = Date.now();
      await seedDemo(storage, { dataDir: config.demoDataDir });
      app.log.info({ ms: Date.now() - started }, 'demo consortium loaded');
    } else if (config.demo) {
      // A demo database loaded by an earlier release gets what the demo has gained since (both are idempotent).
      await seedDemoLibrarians(storage);
      await seedDemoBooking(storage);
    }
    // The first search builds the index's in-memory columns; do it now, not for the first patron.
    await catalog.search(SearchParams.parse({ q: 'warm' }));
    const io = new SocketServer(app.server, { serveClient: false, cors: { origin: true } });
    const chat = new ChatService(chatStore);
    // Patron tokens come from the same secret as staff tokens, under a key and audience of their own.
    const sessions = new PatronSessions(config.secret ?? (await storage.staff.signingSecret()));
    attachChat(io, { chat, sessions, staffAuth, log: app.log });

    let closing: Promise<void> | undefined;
    return {
      config,
      app,
      io,
      storage,
      catalog,
      bookings,
      holds,
      staffAuth,
      chat,
      async listen() {
        await app.listen({ port: config.port, host: config.host });
        const address = app.server.address() as AddressInfo;
        const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
        return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      },
      close() {
        closing ??= (async () => {
          // Socket.IO's own close() would also close the HTTP server under Fastify's feet.
          io.disconnectSockets(true);
          io.engine.close();
          await app.close();
          await storage.close();
        })();
        return closing;
      },
    };
  } catch (error) {
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
