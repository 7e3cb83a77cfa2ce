// The admin part of the OpenAPI document: members as the consortium file declares them, with
// ETag / If-Match, and the audit log; from the shared schemas the routes validate with.
import { AdminMemberList, AuditPage, AuditQuery, MemberConfig } from '@atrium/sdk';
import { type JsonSchema, json, problemResponse as problem, queryParameters, schemaOf } from './openapi-parts.js';

const staff = { security: [{ librarianToken: [] }] };
const memberId = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'lakeside-public' };
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: true,
  schema: { type: 'string' },
  description: 'The ETag of the member as it was read; a write based on an older version is refused with 412.',
};
const memberBody = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/MemberConfig' } } } };
const withTag = (description: string) => ({
  ...json('MemberConfig', description),
  headers: { ETag: { schema: { type: 'string' }, description: 'Send back as If-Match to change or remove the member' } },
});
const refusals = {
  401: problem('Not signed in'),
  403: problem('forbidden: librarians change no configuration; a member administrator only their own member'),
};

export function adminPaths(): JsonSchema {
  return {
    '/v1/admin/members': {
      get: {
        operationId: 'listAdminMembers',
        summary: 'Administrators: the members they may change, each as in the consortium file, with its ETag',
        ...staff,
        responses: { 200: json('AdminMemberList', 'The members'), ...refusals },
      },
      post: {
        operationId: 'createMember',
        summary: 'Consortium administrators: add a member',
        ...staff,
        requestBody: memberBody,
        responses: {
          201: withTag('The member as stored'),
          400: problem('invalid_request or invalid_member: errors name each field'),
          ...refusals,
          409: problem('member_exists'),
        },
      },
    },
    '/v1/admin/members/{id}': {
      get: {
        operationId: 'getAdminMember',
        summary: 'Administrators: one member as in the consortium file',
        ...staff,
        parameters: [memberId],
        responses: { 200: withTag('The member'), ...refusals, 404: problem('member_not_found') },
      },
      put: {
        operationId: 'replaceMember',
        summary: 'Administrators: replace a member’s configuration, as apply --prune would for that member alone',
        description:
          'Branches, resources, widget keys and librarians left out are removed, unless catalogue copies, holds, bookings or chats still use them (409 names them). Recorded in the audit log.',
        ...staff,
        parameters: [memberId, ifMatch],
        requestBody: memberBody,
        responses: {
          200: withTag('The member as stored'),
          400: problem('invalid_request or invalid_member: errors name each field'),
          ...refusals,
          404: problem('member_not_found'),
          409: problem('still_in_use: what the change would remove is still used'),
          412: problem('precondition_failed: the member changed since it was read'),
          428: problem('precondition_required: If-Match is missing'),
        },
      },
      delete: {
        operationId: 'removeMember',
        summary: 'Consortium administrators: remove a member nothing refers to any more',
        ...staff,
        parameters: [memberId, ifMatch],
        responses: {
          204: { description: 'Removed' },
          ...refusals,
          404: problem('member_not_found'),
          409: problem('still_in_use: records, holds, bookings, chats or questions still refer to it'),
          412: problem('precondition_failed'),
          428: problem('precondition_required'),
        },
      },
    },
    '/v1/admin/audit': {
      get: {
        operationId: 'listAudit',
        summary: 'Administrators: configuration changes, newest first: who, when, what, before and after',
        ...staff,
        parameters: queryParameters(AuditQuery),
        responses: {
          200: {
            description: 'One page (JSON), or with format=csv a CSV file: at,actor,actorEmail,member,kind,objectId,action,before,after',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/AuditPage' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          400: problem('Invalid parameter'),
          ...refusals,
        },
      },
    },
  };
}

export function adminSchemas(): JsonSchema {
  return {
    MemberConfig: schemaOf(MemberConfig, 'input'),
    AdminMemberList: schemaOf(AdminMemberList, 'output'),
    AuditPage: schemaOf(AuditPage, 'output'),
  };
}
