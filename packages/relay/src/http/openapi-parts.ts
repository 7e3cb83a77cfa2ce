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

export const json = (ref: string, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});
