// A relay node as operators run it: `atrium-relay serve` in a process of its own, configured by
// the environment, so a test can kill it the way a machine dies.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(root, 'packages/relay/bin/atrium-relay.js');

export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Everything the node printed, for a failing test's message. */
  output(): string;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `atrium-relay serve` on a free port and resolves once it listens. */
export async function startRelayProcess(
  env: Record<string, string>,
  options: { args?: string[]; timeoutMs?: number } = {},
): Promise<RelayProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'info', ...(options.args ?? [])],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`relay did not start within ${options.timeoutMs ?? 20_000} ms:\n${output}`)),
      options.timeoutMs ?? 20_000,
    );
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"url":"(http:\/\/[^"]+)","msg":"relay listening"/.exec(output);
      if (listening && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`relay exited (${code ?? signal}) before listening:\n${output}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    output: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
