// Starts real library servers (yaz-ztest, zebrasrv) on free loopback ports for the connector
// tests, and a TCP server that answers garbage. A missing peer fails the test under CI.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether a program is on PATH; under CI a missing peer is an error, elsewhere the test is skipped. */
export async function peerAvailable(program: string): Promise<boolean> {
  try {
    await run('which', [program]);
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`${program} is needed by this test and is not installed`);
    return false;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const PQF_PROPERTIES = `set.cql = info:srw/cql-context-set/1/cql-v1.2
set.rec = info:srw/cql-context-set/2/rec-1.1
set.dc = info:srw/cql-context-set/1/dc-v1.1
index.cql.serverChoice = 1=1016
index.rec.id = 1=12
index.dc.identifier = 1=7
index.dc.title = 1=4
relation.= = 2=3
relation.eq = 2=3
relation.exact = 2=3
relation.scr = 2=3
position.any = 3=3 6=1
structure.* = 4=1
structure.exact = 4=1
truncation.none = 5=100
truncation.right = 5=1
`;

export interface Peer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the peer exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/Default?operation=explain&version=1.2`);
      await response.text();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nothing listens on port ${port}`);
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
}

function gfsConfig(port: number, body: string): string {
  return `<yazgfs><listen id="l">tcp:127.0.0.1:${port}</listen><server id="main" listenref="l">${body}<cql2rpn>pqf.properties</cql2rpn></server></yazgfs>`;
}

/** yaz-ztest: OPAC records with one fixed holding; a numeric term is the hit count. */
export async function startZtest(): Promise<Peer> {
  const dir = await mkdtemp(join(tmpdir(), 'atrium-ztest-'));
  const port = await freePort();
  await writeFile(join(dir, 'pqf.properties'), PQF_PROPERTIES);
  await writeFile(join(dir, 'ztest.xml'), gfsConfig(port, ''));
  const child = spawn('yaz-ztest', ['-f', 'ztest.xml'], { cwd: dir, stdio: 'ignore' });
  await waitForPort(port, child);
  return { url: `http://127.0.0.1:${port}/Default`, port, dir, stop: stopper(child, dir) };
}

export const ZEBRA_MODULES = '/usr/lib/x86_64-linux-gnu/idzebra-2.0/modules';

/** zebrasrv serving MARC records (ISO 2709 files) indexed by 001, over Z39.50 and SRU on one port. */
export async function startZebra(marcFiles: readonly string[]): Promise<Peer & { update(file: string): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'atrium-zebra-'));
  const port = await freePort();
  const abs = await readFile('/usr/share/idzebra-2.0/tab/marc21.abs', 'utf8');
  await writeFile(join(dir, 'marc21.abs'), abs.replace('xpath disable', 'xpath disable\n\nmelm 001\t\tLocal-number,Local-number:p'));
  await writeFile(
    join(dir, 'zebra.cfg'),
    `profilePath: .:/usr/share/idzebra-2.0/tab\nmodulePath: ${ZEBRA_MODULES}\nattset: bib1.att\nattset: explain.att\nrecordType: grs.marcxml.marc21\nrecordId: (bib1,Local-number)\nregister: ${dir}:100M\nshadow: ${dir}:100M\n`,
  );
  await writeFile(join(dir, 'pqf.properties'), PQF_PROPERTIES);
  await writeFile(
    join(dir, 'yazgfs.xml'),
    gfsConfig(
      port,
      `<config>zebra.cfg</config><retrievalinfo><retrieval syntax="xml" name="marcxml" identifier="info:srw/schema/1/marcxml-v1.1"><backend syntax="usmarc" name="F"><marc inputformat="marc" outputformat="marcxml" inputcharset="utf-8"/></backend></retrieval><retrieval syntax="usmarc" name="F"/></retrievalinfo>`,
    ),
  );
  const index = async (...args: string[]) => {
    const { stderr } = await run('zebraidx', ['-c', 'zebra.cfg', ...args], { cwd: dir });
    // zebraidx exits 0 when it cannot read a record type; the records are then silently absent.
    if (/No such record type/.test(stderr))
      throw new Error(`zebraidx cannot read MARC (install Debian's libidzebra-2.0-modules): ${stderr.trim()}`);
  };
  await index('init');
  await index('update', ...marcFiles);
  await index('commit');
  const child = spawn('zebrasrv', ['-f', 'yazgfs.xml'], { cwd: dir, stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `http://127.0.0.1:${port}/Default`,
    port,
    dir,
    stop: stopper(child, dir),
    async update(file: string) {
      await index('update', file);
      await index('commit');
    },
  };
}

/** A TCP server that answers anything with junk and keeps the connection open. */
export async function startGarbageServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('\x00\xff garbage <<<\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** MARCXML → ISO 2709 with yaz-marcdump, for zebraidx. */
export async function marcFromXml(dir: string, name: string, xml: string): Promise<string> {
  const xmlPath = join(dir, `${name}.xml`);
  const marcPath = join(dir, `${name}.mrc`);
  await writeFile(xmlPath, xml);
  const { stdout } = await run('yaz-marcdump', ['-i', 'marcxml', '-o', 'marc', xmlPath], { encoding: 'buffer' });
  await writeFile(marcPath, stdout);
  return marcPath;
}

export async function yazClient(commands: string): Promise<string> {
  const child = spawn('yaz-client', [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end(`${commands}\nquit\n`);
  await exited;
  return out;
}
