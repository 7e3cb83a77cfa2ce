// Members' service policies over HTTP: anyone reads one; a librarian publishes their own
// member's (Bearer token), replacing what was there.
import { MemberId, ServicePolicyRequest } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import type { ServicePolicies } from '../../domain/reference/service-policies.js';
import { requireLibrarian } from '../auth.js';
import { ProblemError } from '../problem.js';
import { parseInput } from '../validate.js';
import { questionRefusals } from './questions.js';

const MemberParams = z.object({ id: MemberId });

export function servicePolicyRoutes(app: FastifyInstance, policies: ServicePolicies): void {
  app.get('/v1/members/:id/policy', async (request) => {
    const { id } = parseInput(z.object({ id: z.string() }), request.params, 'params');
    const policy = await questionRefusals(() => policies.get(id));
    if (!policy) throw new ProblemError(404, 'policy_not_found', `${id} has not published a service policy.`);
    return policy;
  });

  app.put('/v1/members/:id/policy', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(MemberParams, request.params, 'params');
    if (id !== librarian.member) {
      throw new ProblemError(
        403,
        'forbidden',
        `Only librarians of ${id} can publish its service policy; you sign in for ${librarian.member}.`,
      );
    }
    const policy = parseInput(ServicePolicyRequest, request.body, 'body');
    return questionRefusals(() => policies.set(id, policy));
  });
}
