// Opens a Socket.IO connection to one of the relay's chat namespaces and waits for the first
// connect; later reconnections are socket.io-client's own.
import type { Socket } from 'socket.io-client';
import { ConnectionError } from '../errors/connection-error.js';
import { ChatRefusedError } from './chat-error.js';

export interface ChatSocketOptions {
  baseUrl: string;
  namespace: '/patron' | '/librarian';
  /** Read at every (re)connection, so a renewed session token is used. */
  auth: () => Record<string, unknown>;
  timeoutMs: number;
  /** Adds listeners before anything can arrive (the relay pushes some events on connecting). */
  prepare?: (socket: Socket) => void;
}

export async function openChatSocket(options: ChatSocketOptions): Promise<Socket> {
  // Loaded on the first chat, not with the client: a page that only searches or books never
  // downloads the realtime code (in the widget it is a separate chunk).
  const { io } = await import('socket.io-client');
  const socket = io(`${options.baseUrl}${options.namespace}`, {
    auth: (callback) => callback(options.auth()),
    forceNew: true,
    timeout: options.timeoutMs,
    // A flapping network (a train, a lift, a cheap phone switching cells) gets its next try
    // within a quarter to half a second and never waits more than 3 s, where socket.io-client
    // alone waits 1 s at first and up to 5 s. The random part spreads a whole relay's patrons
    // out when a node restarts.
    reconnectionDelay: 250,
    reconnectionDelayMax: 3000,
    randomizationFactor: 0.5,
  });
  options.prepare?.(socket);
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: Error & { data?: { code?: string; message?: string } }) => {
      // A refusal by the relay (bad token, unknown member) will not change by retrying.
      if (error.data?.code) {
        cleanup();
        socket.disconnect();
        reject(new ChatRefusedError(error.data.code, error.message));
        return;
      }
      if (!socket.active) {
        cleanup();
        reject(new ConnectionError(`Could not connect to ${options.baseUrl}${options.namespace}: ${error.message}`, { cause: error }));
      }
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
  });
}
