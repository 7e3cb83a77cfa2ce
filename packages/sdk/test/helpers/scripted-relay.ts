// A local HTTP server that plays a failing relay or proxy, answering each request with the next
// scripted handler: a real relay cannot be made to answer 503, hang or drop a connection on cue.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach } from 'node:test';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface SeenRequest {
  url: string;
  headers: IncomingHttpHeaders;
}

export interface ScriptedRelay {
  readonly baseUrl: string;
  /** Handlers for the coming requests, in order; a request with none left gets a 500. */
  readonly handlers: Handler[];
  /** Every request received since the test began. */
  readonly seen: SeenRequest[];
}

/** Starts the server for the test file and empties the script and the log before each test. */
export function useScriptedRelay(): ScriptedRelay {
  const state = { baseUrl: '', handlers: [] as Handler[], seen: [] as SeenRequest[] };
  const server = createServer((request, response) => {
    state.seen.push({ url: request.url ?? '', headers: request.headers });
    request.resume();
    const handler = state.handlers.shift();
    if (handler) handler(request, response);
    else response.writeHead(500).end('no handler left');
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    state.handlers.length = 0;
    state.seen.length = 0;
  });
  return {
    get baseUrl() {
      return state.baseUrl;
    },
    handlers: state.handlers,
    seen: state.seen,
  };
}

/** Answers with a JSON body (problem+json for error statuses). */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
