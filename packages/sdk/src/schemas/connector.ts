// How the relay reaches a member's own library system (its ILS): one entry under each member's
// `connector` in the consortium file. A member without one shows the copies of its last import.
import { z } from 'zod/mini';
import { webAddress } from './common.js';

const Budget = z.int().check(z.minimum(50, 'must be at least 50 ms'), z.maximum(30_000, 'must be at most 30000 ms'));

/** How MARC 852 / 952 copies (or OPAC holdings) are read into a branch and a status. */
export const HoldingsProfile = z.strictObject({
  /** `852` (MARC holdings) or `952` (Koha items). Default: both are read. */
  tag: z.optional(z.enum(['852', '952'])),
  /** The ILS's location or branch code → the member's Atrium branch id. */
  branches: z.optional(z.record(z.string(), z.string())),
  /** The branch for copies whose location is unknown or unmapped. */
  defaultBranch: z.optional(z.string().check(z.minLength(1))),
});
export type HoldingsProfile = z.infer<typeof HoldingsProfile>;

export const SruConnectorConfig = z.strictObject({
  kind: z.literal('sru'),
  /** The SRU base address; the database is its path (`http://host:210/Default`). */
  url: webAddress('https://opac.lakeside.example.org/sru'),
  version: z.optional(z.enum(['1.2', '2.0'])),
  /** Overrides the database in the address's path. */
  database: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be letters, digits, . _ or -'))),
  /** `opac` (holdings and circulation; yaz names it `OP`) or `marcxml` (copies from 852 / 952). Default `marcxml`. */
  recordSchema: z.optional(z.string().check(z.regex(/^[A-Za-z0-9:/._-]{1,200}$/, 'must be a schema name such as "marcxml"'))),
  /** The CQL index that finds a record by its local id (default `rec.id`). */
  idIndex: z.optional(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9._-]{0,99}$/, 'must be a CQL index such as "rec.id"'))),
  /** Records asked in one request (default 10); 1 when the server's records do not carry the id asked for. */
  batch: z.optional(z.int().check(z.minimum(1), z.maximum(50))),
  holdingsProfile: z.optional(HoldingsProfile),
  timeoutMs: z.optional(Budget),
});
export type SruConnectorConfig = z.infer<typeof SruConnectorConfig>;

export const Sip2ConnectorConfig = z.strictObject({
  kind: z.literal('sip2'),
  host: z.string().check(z.minLength(1, 'is required'), z.maxLength(255)),
  port: z.int().check(z.minimum(1), z.maximum(65_535)),
  /** The institution id sent in AO. */
  institution: z.string().check(z.minLength(1, 'is required'), z.maxLength(100)),
  /** The relay's own SIP2 account (93 login); the password is read from a file or an environment variable, never written here. */
  login: z.optional(
    z.union([
      z.strictObject({ user: z.string().check(z.minLength(1)), passwordFile: z.string().check(z.minLength(1)) }),
      z.strictObject({
        user: z.string().check(z.minLength(1)),
        passwordEnv: z.string().check(z.regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name')),
      }),
    ]),
  ),
  /** Location code sent in CP. */
  location: z.optional(z.string().check(z.maxLength(100))),
  timeoutMs: z.optional(Budget),
});
export type Sip2ConnectorConfig = z.infer<typeof Sip2ConnectorConfig>;

export const ConnectorConfig = z.discriminatedUnion('kind', [SruConnectorConfig, Sip2ConnectorConfig]);
export type ConnectorConfig = z.infer<typeof ConnectorConfig>;
