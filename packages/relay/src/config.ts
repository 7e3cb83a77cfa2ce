// Relay settings from command-line flags and the environment, checked before anything starts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod/mini';
import { ChatRateLimitsConfig } from './domain/chat/chat-rate-limits.js';
import { QuestionRateLimitsConfig } from './domain/reference/question-rate-limits.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** On or off, from a flag (true/false) or the environment (1/0, true/false, yes/no, on/off). */
const Switch = z.pipe(
  z.union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])], 'must be 1 or 0 (or true/false)'),
  z.transform((value) => value === true || value === '1' || value === 'true' || value === 'yes' || value === 'on'),
);

const Port = z.coerce.number().check(z.int('must be a whole number'), z.minimum(0), z.maximum(65535));

export const RelayConfig = z.object({
  port: z._default(Port, 8080),
  host: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
  databaseUrl: z._default(
    z.string().check(z.regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: (e.g. sqlite:.atrium/atrium.db) or postgres://')),
    'sqlite:.atrium/atrium.db',
  ),
  /** PostgreSQL only: the schema to keep Atrium's tables in (created if missing). */
  pgSchema: z.optional(
    z.string().check(z.regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lower-case letters, digits and underscores, starting with a letter')),
  ),
  redisUrl: z.optional(z.string().check(z.regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'))),
  /** Prefix of every Redis key and channel the relay uses, so deployments sharing one Redis stay apart. */
  redisPrefix: z._default(
    z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')),
    'atrium',
  ),
  /**
   * Signs staff tokens. Without it the relay keeps a random secret in the database, which
   * every node sharing the database uses; set it to rotate that secret or keep it out of the database.
   */
  secret: z.optional(z.string().check(z.minLength(32, 'must be at least 32 characters, e.g. the output of `openssl rand -base64 32`'))),
  /** Demo mode: seed the demo consortium when the catalog is empty and allow any origin. */
  demo: z._default(z.boolean(), false),
  /**
   * Behind a reverse proxy: take the client's address from the first X-Forwarded-For hop
   * (for per-address rate limits). Off by default, as anyone can send that header.
   */
  trustProxy: z._default(Switch, false),
  /** How often patrons may start chats and send messages, per session and per address. */
  chatRateLimits: ChatRateLimitsConfig,
  /** How often questions may be asked, per client address and per member. */
  questionRateLimits: QuestionRateLimitsConfig,
  /**
   * Where answer notifications to patrons are sent through, e.g. smtp://user:pass@mail.example.org:587
   * (smtps:// for TLS from the start). Without it no email is sent.
   */
  smtpUrl: z.optional(z.string().check(z.regex(/^smtps?:\/\/[^/\s]/, 'must start with smtp:// or smtps://, e.g. smtp://127.0.0.1:2525'))),
  /** The From of those emails. */
  mailFrom: z._default(z.string().check(z.minLength(3)), 'Atrium <no-reply@atrium.invalid>'),
  /** The relay's address as patrons reach it (https://atrium.example.org): emails then carry the private link. */
  publicUrl: z.optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://atrium.example.org' })),
  logLevel: z._default(z.enum(LOG_LEVELS), 'info'),
  /** Where the built widget files are (atrium.js, atrium-widget.js). */
  widgetDir: z._default(z.string(), path.resolve(packageRoot, '../widget/bundle')),
  /** Static pages: the demo partner page and the console. */
  publicDir: z._default(z.string(), path.resolve(packageRoot, 'public')),
  /** Where the demo data subsets are read from when seeding. */
  demoDataDir: z._default(z.string(), path.resolve(packageRoot, 'demo-data')),
});
export type RelayConfigInput = z.input<typeof RelayConfig>;
export type RelayConfig = z.output<typeof RelayConfig>;

/** A setting that failed its check, named the way the operator wrote it (flag or variable). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  pgSchema: 'DATABASE_SCHEMA',
  redisUrl: 'REDIS_URL',
  redisPrefix: 'REDIS_PREFIX',
  trustProxy: 'TRUST_PROXY',
  chatRateLimits: 'CHAT_RATE_LIMITS',
  questionRateLimits: 'QUESTION_RATE_LIMITS',
  secret: 'ATRIUM_SECRET',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'MAIL_FROM',
  publicUrl: 'PUBLIC_URL',
  logLevel: 'LOG_LEVEL',
  widgetDir: 'ATRIUM_WIDGET_DIR',
  publicDir: 'ATRIUM_PUBLIC_DIR',
  demoDataDir: 'ATRIUM_DEMO_DATA_DIR',
};

/** Settings given as JSON in one variable, with an example for the error message. */
const JSON_EXAMPLES: Record<string, string> = {
  chatRateLimits: '{"message":{"perAddress":{"limit":600,"windowSeconds":60}}}',
  questionRateLimits: '{"perAddress":{"limit":10,"windowSeconds":600}}',
};

/** Flags whose name is not the setting's name in kebab case. */
const FLAG_NAMES: Record<string, string> = { databaseUrl: '--database', smtpUrl: '--smtp' };

/**
 * Flags win over the environment. Empty environment variables count as unset, as a
 * `PORT=` left in a shell profile should not stop the relay.
 */
export function loadConfig(flags: RelayConfigInput, env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = key in JSON_EXAMPLES ? jsonSetting(name, value, JSON_EXAMPLES[key]!) : value;
  }
  const given = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  const result = RelayConfig.safeParse({ ...fromEnv, ...given });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const source = key in given ? (FLAG_NAMES[key] ?? `--${kebab(key)}`) : (ENV_NAMES[key] ?? key);
      // A nested setting (chatRateLimits.start.perSession.limit) names the part at fault.
      const inner = issue.path.slice(1).join('.');
      return `${source}${inner ? `.${inner}` : ''}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

/** A structured setting given in one variable, e.g. CHAT_RATE_LIMITS='{"message":{"perAddress":{"limit":600}}}'. */
function jsonSetting(name: string, value: string, example: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  ${name}: must be JSON, e.g. ${example}`);
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
