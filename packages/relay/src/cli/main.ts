// `atrium-relay`: run the relay, load the demo consortium, import a member's catalogue.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { seedDemo } from '../demo/seed.js';
import { importCommand } from '../importers/import-command.js';
import { ImportError } from '../importers/import-error.js';
import { IMPORT_FORMATS } from '../importers/formats.js';
import { createRelay } from '../server.js';
import { LIBRARIAN_USAGE, librarianAdd, librarianLink, librarianList, librarianPassword } from './librarian-command.js';
import { INIT_USAGE, initConsortium } from './init-command.js';
import { CHAT_USAGE, chatPurge, chatRetention } from './chat-command.js';
import { CHAT_ROUTING_USAGE, chatCapacity, chatWait } from './chat-routing-command.js';
import { WIDGET_KEY_USAGE, widgetKeyAdd, widgetKeyList } from './widget-key-command.js';
import { HOLDS_USAGE, holdsExpire } from './holds-command.js';
import { POLICY_USAGE, policySet, policyShow } from './policy-command.js';
import { HARVEST_USAGE, harvestCommand } from './harvest-command.js';
import { HarvestScheduler } from '../harvest/oai-pmh/harvest-scheduler.js';
import { openStorage } from '../storage/index.js';
import { APPLY_USAGE, EXPORT_USAGE, applyFile, exportConsortium } from './consortium-command.js';
import { ConsortiumFileError } from '../domain/consortium/consortium-file.js';
import { PruneRefusedError } from '../domain/consortium/apply.js';

const USAGE = `Usage: atrium-relay <command> [options]

Commands:
  init         Set up a new consortium and its first administrator on an empty store
  serve        Run the relay (HTTP API, Socket.IO, widget, demo page, console)
  apply        Create or update the consortium from a consortium file (YAML or JSON; apply FILE [--dry-run] [--prune])
  export       Write the stored consortium as a consortium file
  seed-demo    Load the demo consortium (three members, their catalogues and demo holdings)
  import       Import a member's catalogue from a file (plain or .gz)
  harvest      Harvest a member's catalogue from its OAI-PMH repository (harvest --member ID --url URL --metadata-prefix P)
  librarian    Add or list librarian accounts, or give one a one-time password link (librarian link --email E)
  widget-key   Add or list widget keys and the sites they allow (widget-key add --member ID --origin URL)
  chat         Purge chat transcripts past their retention period, or set the period (chat purge)
  holds        Expire holds not collected within their pickup window (holds expire)
  policy       Publish or show a member's service policy (policy set --member ID --file FILE)

Run "atrium-relay <command> --help" for a command's options.
Storage is chosen by DATABASE_URL (default sqlite:.atrium/atrium.db, or postgres://...).`;

const COMMON = {
  database: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

interface Command {
  usage: string;
  options: ParseArgsConfig['options'];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const commands: Record<string, Command> = {
  serve: {
    usage: `Usage: atrium-relay serve [--port N] [--host H] [--demo] [--trust-proxy] [--database URL] [--smtp URL] [--log-level LEVEL]

  --port N         Port to listen on (default PORT or 8080; 0 picks a free port)
  --host H         Interface to listen on (default HOST or 0.0.0.0)
  --demo           Load the demo consortium if the catalog is empty, and allow pages on localhost
  --trust-proxy    Behind a reverse proxy: rate-limit by the first X-Forwarded-For hop (or TRUST_PROXY=1)
  --database URL   sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)
  --smtp URL       Email patrons when their question is answered, e.g. smtp://127.0.0.1:2525 (or SMTP_URL;
                   MAIL_FROM sets the sender, PUBLIC_URL puts the private link in the email)
  --log-level L    fatal, error, warn, info, debug, trace or silent (default info)`,
    options: {
      ...COMMON,
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean' },
      'trust-proxy': { type: 'boolean' },
      smtp: { type: 'string' },
      'log-level': { type: 'string' },
    },
    async run(values) {
      const config = loadConfig({
        port: values.port as string | undefined as never,
        host: values.host as string | undefined,
        demo: values.demo as boolean | undefined,
        trustProxy: values['trust-proxy'] as boolean | undefined,
        smtpUrl: values.smtp as string | undefined,
        databaseUrl: values.database as string | undefined,
        logLevel: values['log-level'] as never,
      });
      const relay = await createRelay(config);
      const url = await relay.listen();
      relay.app.log.info({ url }, 'relay listening');
      if (config.demo) {
        process.stdout.write(
          `\n  Atrium is running.\n  Demo partner page: ${url}/demo/\n  Librarian console: ${url}/console/\n  Demo librarians:   librarian@<member-id>.example.org, password atrium-demo\n  API description:   ${url}/v1/openapi.json\n\n`,
        );
      }
      // Members whose harvest source has a schedule are harvested when due, one at a time.
      const harvests = new HarvestScheduler(relay.storage, {
        onHarvest: (summary) =>
          relay.app.log.info({ member: summary.member, counts: summary.counts, pages: summary.pages }, 'harvest done'),
        onError: (member, error) => relay.app.log.error({ member, err: error }, 'harvest failed'),
      });
      harvests.start();
      await waitForShutdown({ app: relay.app, close: () => harvests.stop().then(() => relay.close()) });
      return 0;
    },
  },
  'seed-demo': {
    usage: `Usage: atrium-relay seed-demo [--database URL]

Loads the three demo members (harbour-museum, riverside-library, eastern-university), their
catalogue subsets, generated demo holdings, opening hours, bookable rooms, seats, appointments,
visits and lending policies, a demo librarian for each member (librarian@<member-id>.example.org,
password atrium-demo), widget keys, canned responses, service policies and a few published
answers in the knowledge base. Safe to run again: it updates, never duplicates, and never resets
a demo librarian's changed password or a service policy published since.`,
    options: COMMON,
    async run(values) {
      const config = loadConfig({ databaseUrl: values.database as string | undefined });
      const storage = await openStorage({
        databaseUrl: config.databaseUrl,
        ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
      });
      try {
        const summary = await seedDemo(storage, { dataDir: config.demoDataDir });
        process.stdout.write(`Demo consortium loaded into ${config.databaseUrl}: ${JSON.stringify(summary)}\n`);
      } finally {
        await storage.close();
      }
      return 0;
    },
  },
  import: {
    usage: `Usage: atrium-relay import --member ID [--format FORMAT] [--holdings PROFILE] [--mapping FILE] [--replace] [--dry-run] [--demo-holdings] [--quiet] FILE

  --member ID        The member whose catalogue this is (e.g. riverside-library)
  --format FORMAT    ${IMPORT_FORMATS.join(' | ')}; told from the file for MARC 21 and MARCXML
  --holdings PROFILE For MARC: where the copies are: auto (952 if a record has it, else 852),
                     koha (952), marc852 (852), none. Default auto
  --mapping FILE     For dc-csv / dc-jsonl: a JSON map from Atrium fields to your column names
  --replace          FILE is the member's whole catalogue: its records FILE no longer has are removed
  --dry-run          Read and check FILE and say what would change (with --replace, how many records
                     would go), changing nothing
  --demo-holdings    Give records generated demo holdings (demo and benchmarks only)
  --quiet            No progress bar; the summary is still printed
  --database URL     sqlite:PATH or postgres://...

FILE may be plain or gzip-compressed. Bad rows are reported with their line number and
skipped; re-importing a file updates its records instead of duplicating them.`,
    options: {
      ...COMMON,
      member: { type: 'string' },
      format: { type: 'string' },
      holdings: { type: 'string' },
      mapping: { type: 'string' },
      'demo-holdings': { type: 'boolean' },
      quiet: { type: 'boolean' },
      replace: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    async run(values, positionals) {
      const missing = ['member'].filter((name) => !values[name]);
      if (positionals.length !== 1) missing.push('FILE');
      if (missing.length > 0) throw new UsageError(`import needs ${missing.join(', ')}`, this.usage);
      const config = loadConfig({ databaseUrl: values.database as string | undefined });
      const storage = await openStorage({
        databaseUrl: config.databaseUrl,
        ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
      });
      try {
        const summary = await importCommand({
          storage,
          member: values.member as string,
          format: values.format as string | undefined,
          holdings: values.holdings as string | undefined,
          file: positionals[0]!,
          mapping: values.mapping as string | undefined,
          demoHoldings: values['demo-holdings'] === true,
          quiet: values.quiet === true,
          replace: values.replace === true,
          dryRun: values['dry-run'] === true,
        });
        return summary.inserted + summary.updated > 0 || summary.rows === 0 ? 0 : 1;
      } finally {
        await storage.close();
      }
    },
  },
  librarian: {
    usage: LIBRARIAN_USAGE,
    options: {
      ...COMMON,
      member: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
    },
    async run(values, positionals) {
      const action = actionOf('librarian', positionals, ['add', 'list', 'password', 'link'], this.usage);
      if (action === 'link' && !values.email) throw new UsageError('librarian link needs --email', this.usage);
      if (action === 'password') {
        const missing = ['email', 'password'].filter((name) => !values[name]);
        if (missing.length > 0)
          throw new UsageError(`librarian password needs ${missing.map((name) => `--${name}`).join(', ')}`, this.usage);
      }
      if (action === 'add') {
        const missing = ['member', 'email', 'password'].filter((name) => !values[name]);
        if (missing.length > 0) throw new UsageError(`librarian add needs ${missing.map((name) => `--${name}`).join(', ')}`, this.usage);
      }
      const config = loadConfig({ databaseUrl: values.database as string | undefined });
      const storage = await openStorage({
        databaseUrl: config.databaseUrl,
        ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
      });
      try {
        if (action === 'list') return await librarianList(storage, values.member as string | undefined);
        if (action === 'password') return await librarianPassword(storage, values.email as string, values.password as string);
        if (action === 'link') return await librarianLink(storage, values.email as string, config.publicUrl);
        return await librarianAdd(storage, {
          member: values.member as string,
          email: values.email as string,
          password: values.password as string,
          name: values.name as string | undefined,
        });
      } finally {
        await storage.close();
      }
    },
  },
};

commands.holds = {
  usage: HOLDS_USAGE,
  options: COMMON,
  async run(values, positionals) {
    actionOf('holds', positionals, ['expire'], this.usage);
    const config = loadConfig({ databaseUrl: values.database as string | undefined });
    const storage = await openStorage({
      databaseUrl: config.databaseUrl,
      ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
    });
    try {
      return await holdsExpire(storage);
    } finally {
      await storage.close();
    }
  },
};

commands['widget-key'] = {
  usage: WIDGET_KEY_USAGE,
  options: { ...COMMON, member: { type: 'string' }, origin: { type: 'string', multiple: true }, label: { type: 'string' } },
  async run(values, positionals) {
    const action = actionOf('widget-key', positionals, ['add', 'list'], this.usage);
    const origins = (values.origin as unknown as string[] | undefined) ?? [];
    if (action === 'add') {
      const missing = [...(values.member ? [] : ['--member']), ...(origins.length > 0 ? [] : ['--origin'])];
      if (missing.length > 0) throw new UsageError(`widget-key add needs ${missing.join(', ')}`, this.usage);
    }
    const config = loadConfig({ databaseUrl: values.database as string | undefined });
    const storage = await openStorage({
      databaseUrl: config.databaseUrl,
      ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
    });
    try {
      if (action === 'list') return await widgetKeyList(storage, values.member as string | undefined);
      return await widgetKeyAdd(storage, { member: values.member as string, origins, label: values.label as string | undefined });
    } finally {
      await storage.close();
    }
  },
};

commands.policy = {
  usage: POLICY_USAGE,
  options: { ...COMMON, member: { type: 'string' }, file: { type: 'string' } },
  async run(values, positionals) {
    const action = actionOf('policy', positionals, ['set', 'show'], this.usage);
    const missing = ['member', ...(action === 'set' ? ['file'] : [])].filter((name) => !values[name]);
    if (missing.length > 0) throw new UsageError(`policy ${action} needs ${missing.map((name) => `--${name}`).join(', ')}`, this.usage);
    const config = loadConfig({ databaseUrl: values.database as string | undefined });
    const storage = await openStorage({
      databaseUrl: config.databaseUrl,
      ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
    });
    try {
      if (action === 'show') return await policyShow(storage, values.member as string);
      return await policySet(storage, { member: values.member as string, file: values.file as string });
    } finally {
      await storage.close();
    }
  },
};

commands.harvest = {
  usage: HARVEST_USAGE,
  options: {
    ...COMMON,
    member: { type: 'string' },
    url: { type: 'string' },
    'metadata-prefix': { type: 'string' },
    set: { type: 'string' },
    from: { type: 'string' },
    full: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  async run(values, positionals) {
    if (!values.member || positionals.length > 0) throw new UsageError('harvest needs --member and takes no other arguments', this.usage);
    // Ctrl-C stops the harvest after the request under way, recorded as cut off so the next one resumes.
    const stop = new AbortController();
    const interrupt = () => stop.abort(new Error('interrupted'));
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      return await withStorage(values, (storage) =>
        harvestCommand(storage, {
          signal: stop.signal,
          member: values.member as string,
          url: values.url as string | undefined,
          metadataPrefix: values['metadata-prefix'] as string | undefined,
          set: values.set as string | undefined,
          from: values.from as string | undefined,
          full: values.full === true,
          quiet: values.quiet === true,
        }),
      );
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  },
};

/** Opens storage for a command that needs it, and closes it after. */
async function withStorage<T>(
  values: Record<string, string | boolean | undefined>,
  work: (storage: Awaited<ReturnType<typeof openStorage>>) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ databaseUrl: values.database as string | undefined });
  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
  });
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

commands.init = {
  usage: INIT_USAGE,
  options: {
    ...COMMON,
    name: { type: 'string' },
    'name-zh': { type: 'string' },
    languages: { type: 'string' },
    'public-url': { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-password-file': { type: 'string' },
  },
  async run(values, positionals) {
    if (positionals.length > 0) throw new UsageError('init takes no arguments, only options', this.usage);
    return withStorage(values, (storage) =>
      initConsortium(storage, {
        name: values.name as string | undefined,
        nameZh: values['name-zh'] as string | undefined,
        languages: values.languages as string | undefined,
        publicUrl: values['public-url'] as string | undefined,
        adminEmail: values['admin-email'] as string | undefined,
        adminName: values['admin-name'] as string | undefined,
        adminPasswordFile: values['admin-password-file'] as string | undefined,
      }),
    );
  },
};

commands.apply = {
  usage: APPLY_USAGE,
  options: { ...COMMON, 'dry-run': { type: 'boolean' }, prune: { type: 'boolean' } },
  async run(values, positionals) {
    if (positionals.length !== 1) throw new UsageError('apply needs one FILE', this.usage);
    return withStorage(values, (storage) =>
      applyFile(storage, positionals[0]!, { dryRun: values['dry-run'] === true, prune: values.prune === true }),
    );
  },
};

commands.export = {
  usage: EXPORT_USAGE,
  options: COMMON,
  async run(values, positionals) {
    if (positionals.length > 0) throw new UsageError('export takes no arguments', this.usage);
    return withStorage(values, (storage) => exportConsortium(storage));
  },
};

const CHAT_ACTIONS = ['purge', 'retention', 'wait', 'capacity'] as const;

commands.chat = {
  usage: `${CHAT_USAGE}\n${CHAT_ROUTING_USAGE}`,
  options: {
    ...COMMON,
    member: { type: 'string' },
    days: { type: 'string' },
    seconds: { type: 'string' },
    email: { type: 'string' },
    chats: { type: 'string' },
  },
  async run(values, positionals) {
    const action = actionOf('chat', positionals, CHAT_ACTIONS, this.usage);
    const config = loadConfig({ databaseUrl: values.database as string | undefined });
    const storage = await openStorage({
      databaseUrl: config.databaseUrl,
      ...(config.pgSchema === undefined ? {} : { pgSchema: config.pgSchema }),
    });
    try {
      if (action === 'purge') return await chatPurge(storage);
      if (action === 'wait')
        return await chatWait(storage, { member: values.member as string | undefined, seconds: values.seconds as string | undefined });
      if (action === 'capacity')
        return await chatCapacity(storage, { email: values.email as string | undefined, chats: values.chats as string | undefined });
      return await chatRetention(storage, { member: values.member as string | undefined, days: values.days as string | undefined });
    } finally {
      await storage.close();
    }
  },
};

class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** The one action a command was given (`librarian add`), or a usage error naming those it takes. */
function actionOf<A extends string>(command: string, positionals: readonly string[], actions: readonly A[], usage: string): A {
  const [action, ...extra] = positionals;
  if (action === undefined) {
    const listed = actions.length > 1 ? `${actions.slice(0, -1).join(', ')} or ${actions.at(-1)}` : actions.join('');
    throw new UsageError(`${command} needs an action: ${listed}`, usage);
  }
  if (!(actions as readonly string[]).includes(action) || extra.length > 0) {
    throw new UsageError(`Unknown ${command} action "${positionals.join(' ')}"`, usage);
  }
  return action as A;
}

async function waitForShutdown(relay: Pick<Awaited<ReturnType<typeof createRelay>>, 'app' | 'close'>): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      relay.app.log.info({ signal }, 'shutting down: finishing requests in flight');
      const force = setTimeout(() => {
        relay.app.log.error('shutdown took over 10 s; exiting anyway');
        process.exit(1);
      }, 10_000);
      force.unref();
      relay.close().then(resolve, (error: unknown) => {
        relay.app.log.error({ err: error }, 'error while shutting down');
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${error.usage}\n`);
      return 2;
    }
    if (error instanceof ImportError) {
      process.stderr.write(`Import stopped: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConsortiumFileError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof PruneRefusedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
