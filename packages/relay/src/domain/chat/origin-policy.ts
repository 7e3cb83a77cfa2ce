// Which web pages may open patron chats for a member: those whose origin one of the member's
// widget keys allows. A connection without an Origin header is no browser page (the Node SDK,
// a server) and is let through; origin checks protect the member's name on other sites.
import type { WidgetKeyStore } from '../../storage/widget-key-store.js';
import { normalizeOrigin } from './widget-origin.js';

export interface OriginRequest {
  member: string;
  /** The handshake's `auth.key`, when the widget was given one. */
  key?: string | undefined;
  /** The Origin header as received. */
  origin?: string | undefined;
  /** The Host header: a page the relay serves itself (its demo page) has this origin. */
  host?: string | undefined;
}

export type OriginVerdict = { allowed: true } | { allowed: false; code: 'origin_not_allowed' | 'unknown_widget_key'; message: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class OriginPolicy {
  constructor(
    private readonly keys: WidgetKeyStore,
    /** Demo mode also allows every http(s) page on this machine (localhost, 127.0.0.1, [::1]). */
    private readonly options: { demo: boolean },
  ) {}

  async check({ member, key, origin: header, host }: OriginRequest): Promise<OriginVerdict> {
    const origin = normalizeOrigin(header);
    const addCommand = `atrium-relay widget-key add --member ${member} --origin ${origin && origin.startsWith('http') ? origin : 'https://your-site.example.org'}`;
    const widgetKey = key === undefined ? undefined : await this.keys.find(key);
    // A key of another member is no more use here than a made-up one, and says the same.
    if (key !== undefined && widgetKey?.member !== member) {
      return {
        allowed: false,
        code: 'unknown_widget_key',
        message: `"${key}" is not a widget key of ${member}. Check the widget's key attribute; an operator can list the keys with \`atrium-relay widget-key list --member ${member}\` or create one with \`${addCommand}\`.`,
      };
    }
    if (origin === undefined || this.#isRelayItself(origin, host) || (this.options.demo && isLocal(origin))) return { allowed: true };
    if (widgetKey) {
      if (widgetKey.origins.includes(origin)) return { allowed: true };
      return {
        allowed: false,
        code: 'origin_not_allowed',
        message: `The widget key "${widgetKey.key}" of ${member} does not allow pages on ${origin} (it allows ${widgetKey.origins.join(', ')}). An operator can create a key for this site with \`${addCommand}\`.`,
      };
    }
    const allowed = new Set((await this.keys.list(member)).flatMap((stored) => stored.origins));
    if (allowed.has(origin)) return { allowed: true };
    return {
      allowed: false,
      code: 'origin_not_allowed',
      message: `Pages on ${origin} may not open chats for ${member}. An operator can allow this site with \`${addCommand}\`.`,
    };
  }

  #isRelayItself(origin: string, host: string | undefined): boolean {
    return host !== undefined && (origin === `http://${host.toLowerCase()}` || origin === `https://${host.toLowerCase()}`);
  }
}

function isLocal(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}
