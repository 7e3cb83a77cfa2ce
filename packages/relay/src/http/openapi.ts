// The OpenAPI document, generated from the same zod schemas the relay validates with.
import {
  CatalogRecord,
  ChoosePasswordRequest,
  Librarian,
  LoginRequest,
  LoginResponse,
  MemberList,
  Problem,
  SearchParams,
  SearchResponse,
} from '@atrium/sdk';
import { type JsonSchema, json, problemResponse, queryParameters, schemaOf } from './openapi-parts.js';
import { bookingPaths, bookingSchemas } from './openapi-booking.js';
import { referencePaths, referenceSchemas } from './openapi-reference.js';
import { adminPaths, adminSchemas } from './openapi-admin.js';

export function buildOpenApiDocument(version: string): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Atrium relay API',
      version,
      description: 'Discovery, booking and reference services shared by the members of a library and museum consortium.',
    },
    paths: {
      ...bookingPaths(),
      ...referencePaths(),
      ...adminPaths(),
      '/v1/members': {
        get: { operationId: 'listMembers', summary: 'Members of the consortium', responses: { 200: json('MemberList', 'Members') } },
      },
      '/v1/search': {
        get: {
          operationId: 'search',
          summary: 'Search every member’s collection at once',
          description:
            'Query syntax: words, "phrases", field:value (title:, creator:, subject:, isbn:), -word to exclude, OR between terms.',
          parameters: queryParameters(SearchParams),
          responses: { 200: json('SearchResponse', 'One page of results with facets'), 400: problemResponse('Invalid parameter') },
        },
      },
      '/v1/records/{id}': {
        get: {
          operationId: 'getRecord',
          summary: 'One record with holdings and availability',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'riverside-library:1' }],
          responses: { 200: json('CatalogRecord', 'The record'), 404: problemResponse('No such record') },
        },
      },
      '/v1/auth/login': {
        post: {
          operationId: 'login',
          summary: 'Sign a librarian in',
          description:
            'Exchanges a librarian’s email and password for a token valid 12 hours, sent as `Authorization: Bearer <token>` to staff routes and the /librarian namespace. Attempts are limited per email and per network address.',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginRequest' } } } },
          responses: {
            200: json('LoginResponse', 'Signed in'),
            400: problemResponse('Malformed body; `errors` names the fields'),
            401: problemResponse('`invalid_credentials`: the email or password is not right (the same answer for both)'),
            403: problemResponse('`account_disabled`: the password was right but the account is disabled'),
            429: {
              ...problemResponse('`too_many_attempts`: wait for Retry-After seconds'),
              headers: { 'Retry-After': { description: 'Seconds until another attempt is counted', schema: { type: 'integer' } } },
            },
          },
        },
      },
      '/v1/auth/password-link': {
        post: {
          operationId: 'choosePassword',
          summary: 'Choose a password through a one-time link, and sign in',
          description:
            'Takes the token of a one-time link that `atrium-relay init` or `atrium-relay librarian link` printed (the console opens them as `/console/#password-link=<token>`) and the password its owner chose. A password that will not do is refused and the link keeps working; once used, or after three days, the link stops working.',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ChoosePasswordRequest' } } },
          },
          responses: {
            200: json('LoginResponse', 'Password set; signed in'),
            400: problemResponse('`invalid_password`: `errors` says what the password needs; or a malformed body'),
            403: problemResponse('`account_disabled`: the account has been disabled'),
            410: problemResponse('`link_expired`: the link has been used, has expired, or was never made here'),
          },
        },
      },
      '/v1/auth/me': {
        get: {
          operationId: 'me',
          summary: 'The signed-in librarian',
          security: [{ librarianToken: [] }],
          responses: {
            200: json('Librarian', 'The librarian the token belongs to'),
            401: {
              ...problemResponse('`unauthorized`: no token, or one that is expired, altered or revoked'),
              headers: { 'WWW-Authenticate': { description: 'Bearer challenge (RFC 6750)', schema: { type: 'string' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        CatalogRecord: schemaOf(CatalogRecord, 'output'),
        SearchResponse: schemaOf(SearchResponse, 'output'),
        MemberList: schemaOf(MemberList, 'output'),
        Problem: schemaOf(Problem, 'output'),
        ...bookingSchemas(),
        ...referenceSchemas(),
        ...adminSchemas(),
        LoginRequest: schemaOf(LoginRequest, 'input'),
        ChoosePasswordRequest: schemaOf(ChoosePasswordRequest, 'input'),
        LoginResponse: schemaOf(LoginResponse, 'output'),
        Librarian: schemaOf(Librarian, 'output'),
      },
      securitySchemes: {
        librarianToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The token from POST /v1/auth/login' },
      },
    },
  };
}
