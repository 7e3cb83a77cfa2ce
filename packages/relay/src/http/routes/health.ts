import type { FastifyInstance } from 'fastify';

export interface HealthCheck {
  /** Resolves when the store answers; throws otherwise. */
  database(): Promise<void>;
}

export function healthRoutes(app: FastifyInstance, check: HealthCheck): void {
  app.get('/healthz', async (_request, reply) => {
    try {
      await check.database();
      return { status: 'ok' };
    } catch (error) {
      app.log.error({ err: error }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
}
