// `atrium-relay widget-key add|list`: the public keys partner pages put in the widget, each
// bound to the origins allowed to open chats with its member.
import { WidgetKeyError, WidgetKeys } from '../domain/chat/widget-keys.js';
import type { Storage } from '../storage/index.js';
import { WidgetKeyStore } from '../storage/widget-key-store.js';

export const WIDGET_KEY_USAGE = `Usage: atrium-relay widget-key add --member ID --origin URL [--origin URL...] [--label T] [--database URL]
       atrium-relay widget-key list [--member ID] [--database URL]

  add              Create a widget key for a member and print it; give it to the partner site
                   (<atrium-widget member="ID" key="KEY">)
  list             Show widget keys with the origins each allows
  --member ID      The member the key is for (e.g. riverside-library)
  --origin URL     A site allowed to use the key, exactly scheme://host[:port], as the browser
                   shows it (https://www.riverside.example.org, http://localhost:8080); repeat
                   for several sites
  --label T        A note for operators, e.g. "Main website"
  --database URL   sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)

A browser page may open chats for a member only from an origin one of its keys allows
(pages without a key: any origin of any of the member's keys). Programs that send no Origin
header (the Node SDK, servers) are not affected.`;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Exit code 0 when added; 2 for input to correct; 1 for a conflict with what is stored (unknown member). */
export async function widgetKeyAdd(
  storage: Storage,
  options: { member: string; origins: string[]; label?: string | undefined },
  output: Output = process,
): Promise<number> {
  try {
    const key = await new WidgetKeys(new WidgetKeyStore(storage.db)).add({
      member: options.member,
      origins: options.origins,
      ...(options.label === undefined ? {} : { label: options.label }),
    });
    output.stdout.write(`${key.key}\n`);
    output.stderr.write(`Added a widget key for ${key.member}, allowing ${key.origins.join(', ')}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof WidgetKeyError) {
      output.stderr.write(
        error.conflict ? `${error.message}\n` : `--${error.field === 'origins' ? 'origin' : error.field}: ${error.message}\n`,
      );
      return error.conflict ? 1 : 2;
    }
    throw error;
  }
}

export async function widgetKeyList(storage: Storage, member: string | undefined, output: Output = process): Promise<number> {
  const keys = await new WidgetKeyStore(storage.db).list(member);
  if (keys.length === 0) {
    output.stdout.write(member ? `No widget keys for ${member}.\n` : 'No widget keys yet.\n');
    return 0;
  }
  for (const key of keys) output.stdout.write(`${key.key}\t${key.member}\t${key.origins.join(' ')}${key.label ? `\t${key.label}` : ''}\n`);
  return 0;
}
