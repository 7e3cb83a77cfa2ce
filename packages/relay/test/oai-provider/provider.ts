// Starts the real OAI-PMH repository of the harvest tests (Catmandu's Dancer plugin over the
// records of a JSON file, app.pl) on a free loopback port, and stops it after.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP = join(dirname(fileURLToPath(import.meta.url)), 'app.pl');

/** A record as the repository stores it; Dublin Core elements are lists of values. */
export interface ProviderRecord {
  _id: string;
  datestamp: string;
  deleted?: boolean;
  setSpec?: string[];
  [element: string]: unknown;
}

/** A failure the repository gives before answering (see app.pl). */
export interface ProviderFault {
  status: number;
  retryAfter?: number;
  times: number;
  verb?: string;
  resumptionToken?: boolean;
}

export interface OaiProvider {
  /** The OAI-PMH base URL. */
  url: string;
  setRecords(records: readonly ProviderRecord[]): void;
  setFaults(faults: readonly ProviderFault[]): void;
  stop(): Promise<void>;
}

/** Why the provider cannot run here, or undefined when it can. */
export function providerMissing(): string | undefined {
  const check = spawnSync('perl', ['-MDancer', '-MDancer::Plugin::Catmandu::OAI', '-MCatmandu::Importer::OAI', '-e', '1'], {
    encoding: 'utf8',
  });
  if (check.error) return `perl is not installed (${check.error.message})`;
  if (check.status !== 0)
    return `Catmandu's OAI-PMH modules are missing (apt-get install libdancer-plugin-catmandu-oai-perl libcatmandu-oai-perl): ${check.stderr.split('\n')[0]}`;
  // The tests also ask Catmandu's own harvester, the `catmandu` command, what the provider says.
  const command = spawnSync('catmandu', ['--version'], { encoding: 'utf8' });
  if (command.error || command.status !== 0) return 'the catmandu command is missing (apt-get install libcatmandu-perl)';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answering(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the OAI-PMH provider exited (${child.exitCode}): ${log()}`);
    try {
      const response = await fetch(`${url}?verb=Identify`);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the OAI-PMH provider did not answer within 20 s: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startProvider(options: { pageSize: number; records: readonly ProviderRecord[] }): Promise<OaiProvider> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-oai-'));
  const recordsFile = join(dir, 'records.json');
  const faultsFile = join(dir, 'faults.json');
  const write = (file: string, value: unknown) => {
    // Renamed into place so the provider never reads half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(value));
    renameSync(`${file}.tmp`, file);
  };
  write(recordsFile, options.records);
  write(faultsFile, []);
  const port = await freePort();
  const child = spawn(
    'perl',
    [APP, '--port', String(port), '--records', recordsFile, '--faults', faultsFile, '--page-size', String(options.pageSize)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}/oai`;
  try {
    await answering(url, child, () => stderr);
  } catch (error) {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    setRecords: (records) => write(recordsFile, records),
    setFaults: (faults) => write(faultsFile, faults),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
