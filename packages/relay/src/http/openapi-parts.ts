// Building blocks of the OpenAPI document, turning the shared zod schemas into its pieces.
import { z } from 'zod/mini';

export type JsonSchema = Record<string, unknown>;

/** A schema as JSON Schema (2020-12, the dialect of OpenAPI 3.1), without its `$schema` line. */
export function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** One OpenAPI query parameter per property of a query-string schema. */
export function queryParameters(schema: z.ZodMiniType): JsonSchema[] {
  const object = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    schema: property,
  }));
}

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The header of a POST that creates something (a booking, a hold, a question). */
export const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 8, maxLength: 200 },
  description: 'A retry with the same key and body gets the first answer; the same key with another body gets 422 idempotency_key_reused.',
};

/** A 429 with when to try again. */
export const rateLimitedResponse = (description: string) => ({
  ...problemResponse(description),
  headers: { 'Retry-After': { description: 'Seconds until the limit lets another request through', schema: { type: 'integer' } } },
});

export const json = (ref: string, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});
