// The page's localStorage as the chat keeps its session and unsent messages in it, or nothing
// at all when the page (or the browser's privacy settings) forbids storage: the chat still
// works, it just cannot be continued after a reload.
import type { ChatTokenStorage } from '@atrium/sdk';

function local(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export const safeStorage: Required<ChatTokenStorage> = {
  getItem(key) {
    try {
      return local()?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  setItem(key, value) {
    try {
      local()?.setItem(key, value);
    } catch {
      // Full or forbidden: the chat goes on without surviving a reload.
    }
  },
  removeItem(key) {
    try {
      local()?.removeItem(key);
    } catch {
      // Nothing was kept.
    }
  },
};
