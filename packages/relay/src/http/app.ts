// The Fastify application: request ids, problem+json errors, CORS, static files and routes.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { RelayConfig } from '../config.js';
import type { BookingService } from '../domain/booking/booking-service.js';
import type { HoldService } from '../domain/booking/hold-service.js';
import type { CatalogService } from '../domain/catalog/catalog-service.js';
import type { ConsortiumAdmin } from '../domain/consortium/consortium-admin.js';
import type { ReferenceLedger } from '../domain/reference/reference-ledger.js';
import type { QuestionService } from '../domain/reference/question-service.js';
import type { QuestionRateLimits } from '../domain/reference/question-rate-limits.js';
import type { StaffAuth } from '../domain/staff/staff-auth.js';
import type { CannedResponseStore } from '../storage/canned-response-store.js';
import { installStaffAuth } from './auth.js';
import { buildOpenApiDocument } from './openapi.js';
import { ProblemError, problemBody } from './problem.js';
import { authRoutes } from './routes/auth.js';
import { bookingRoutes } from './routes/booking.js';
import { cannedResponseRoutes } from './routes/canned-responses.js';
import { holdRoutes } from './routes/holds.js';
import { kbRoutes } from './routes/kb.js';
import { ledgerRoutes } from './routes/ledger.js';
import { adminRoutes } from './routes/admin.js';
import { questionRoutes } from './routes/questions.js';
import { servicePolicyRoutes } from './routes/service-policies.js';
import { staffQuestionRoutes } from './routes/staff-questions.js';
import { catalogRoutes } from './routes/catalog.js';
import { type HealthCheck, healthRoutes } from './routes/health.js';

export interface AppServices {
  catalog: CatalogService;
  bookings: BookingService;
  holds: HoldService;
  staffAuth: StaffAuth;
  /** Each member's ready-made chat replies, for the librarian console. */
  cannedResponses: CannedResponseStore;
  /** Joint reference: patrons' questions, the staff queue, service policies and the knowledge base. */
  questions: QuestionService;
  /** How often questions may be asked, counted where chat's limits are (memory, or Redis across nodes). */
  questionLimits: QuestionRateLimits;
  ledger: ReferenceLedger;
  /** The consortium's configuration, member by member, for administrators. */
  admin: ConsortiumAdmin;
  health: HealthCheck;
  version: string;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** `logger` is the relay's own, made before the app so what starts earlier (Redis) logs the same way. */
export async function buildApp(config: RelayConfig, services: AppServices, logger: FastifyBaseLogger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    // One concise line per request, from the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Repeated query keys arrive as arrays; the shared schemas accept both forms.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ProblemError) {
      if (error.headers) reply.headers(error.headers);
      return reply
        .code(error.status)
        .type('application/problem+json')
        .send(problemBody(error.status, error.code, error.detail, request.id, error.errors));
    }
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own refusals (malformed JSON, body too large, wrong content type).
      const code = (error as { code?: string }).code?.toLowerCase().replace(/^fst_err_/, '') ?? 'bad_request';
      const message = error instanceof Error ? error.message : String(error);
      return reply
        .code(status)
        .type('application/problem+json')
        .send(problemBody(status, code, message, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .type('application/problem+json')
      .send(
        problemBody(
          500,
          'internal_error',
          'Something went wrong on our side; the request changed nothing. Quote the request id if you report it.',
          request.id,
        ),
      );
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(problemBody(404, 'not_found', `Nothing at ${request.method} ${request.url.split('?')[0]}`, request.id)),
  );

  // The catalogue is public; member-bound origins arrive with the widget keys of live chat.
  await app.register(cors, { origin: true, exposedHeaders: ['x-request-id', 'retry-after'], maxAge: 600 });

  healthRoutes(app, services.health);
  const openApi = buildOpenApiDocument(services.version);
  app.get('/v1/openapi.json', async () => openApi);
  catalogRoutes(app, services.catalog, services.holds);
  bookingRoutes(app, services.bookings);
  holdRoutes(app, services.holds);
  installStaffAuth(app, services.staffAuth);
  authRoutes(app, { trustProxy: config.trustProxy });
  questionRoutes(app, services.questions, { limits: services.questionLimits, trustProxy: config.trustProxy });
  staffQuestionRoutes(app, services.questions);
  servicePolicyRoutes(app, services.questions.policies);
  kbRoutes(app, services.questions.kb);
  ledgerRoutes(app, services.ledger);
  adminRoutes(app, services.admin);
  cannedResponseRoutes(app, services.cannedResponses);

  await registerStatic(app, config);
  return app;
}

async function registerStatic(app: FastifyInstance, config: RelayConfig): Promise<void> {
  if (existsSync(config.widgetDir)) {
    await app.register(fastifyStatic, {
      root: config.widgetDir,
      prefix: '/widget/',
      decorateReply: false,
      etag: true,
      cacheControl: false,
      setHeaders(res, _path) {
        // Any partner site may load the widget. Its entry files keep their names, so caches keep
        // them briefly and revalidate by ETag; chunks are named by content, and a `?v=` URL pins
        // an exact build, so both are cached for a year.
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('cross-origin-resource-policy', 'cross-origin');
        const url = (res as unknown as { req?: { url?: string } }).req?.url ?? '';
        const versioned = /[?&]v=/.test(url) || url.includes('/chunks/');
        res.setHeader(
          'cache-control',
          versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300, stale-while-revalidate=86400',
        );
      },
    });
  } else {
    app.log.warn({ widgetDir: config.widgetDir }, 'widget bundle not found; run `npm run build`');
    app.get('/widget/*', async () => {
      throw new ProblemError(503, 'widget_not_built', 'The widget has not been built on this relay: run `npm run build`.');
    });
  }
  if (existsSync(config.publicDir)) {
    await app.register(fastifyStatic, { root: config.publicDir, prefix: '/', decorateReply: false, index: ['index.html'] });
  }
}
