// The atrium-relay command as an operator uses it: help, clear refusals, and a clean stop.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/atrium-relay.js');
const workDir = mkdtempSync(path.join(tmpdir(), 'atrium-cli-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: workDir, timeout: 60_000 });
}

describe('atrium-relay', () => {
  it('prints help for every command', () => {
    assert.match(cli(['--help']).stdout, /serve[\s\S]*seed-demo[\s\S]*import/);
    for (const command of ['serve', 'seed-demo', 'import']) {
      const result = cli([command, '--help']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`atrium-relay ${command}`));
    }
  });

  it('refuses an unknown command with usage and exit code 2', () => {
    const result = cli(['serv']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Unknown command "serv"/);
  });

  it('names the actions a command takes when none or an unknown one is given, with exit code 2', () => {
    const actions: Record<string, string> = {
      librarian: 'add, list, password or link',
      'widget-key': 'add or list',
      policy: 'set or show',
      holds: 'expire',
      chat: 'purge, retention, wait or capacity',
    };
    for (const [command, listed] of Object.entries(actions)) {
      const none = cli([command]);
      assert.equal(none.status, 2, command);
      assert.match(none.stderr, new RegExp(`^${command} needs an action: ${listed}\\n`), command);
      const unknown = cli([command, 'frobnicate']);
      assert.equal(unknown.status, 2, command);
      assert.match(unknown.stderr, new RegExp(`^Unknown ${command} action "frobnicate"\\n`), command);
    }
  });

  it('names the variable when PORT is not a port', () => {
    const result = cli(['serve'], { PORT: 'eighty' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /PORT: /);
  });

  it('names the flag when --database is malformed', () => {
    const result = cli(['serve', '--database', 'mysql://x']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--database: must start with sqlite:/);
  });

  it('says what import is missing', () => {
    const result = cli(['import', '--format', 'tate']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /import needs member, FILE/);
  });

  it('serves, then stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', `sqlite:${path.join(workDir, 'stop.db')}`],
      {
        cwd: workDir,
        env: { ...process.env, LOG_LEVEL: 'info' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /"url":"(http:[^"]+)"/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exit, 0, output);
    assert.match(output, /shutting down/);
  });
});
