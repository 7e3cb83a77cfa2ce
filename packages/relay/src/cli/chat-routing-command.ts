// `atrium-relay chat wait|capacity`: the routing settings from the command line — how long a
// member keeps a waiting chat to its own librarians, and how many chats a librarian takes at once.
import { ChatStore } from '../storage/chat-store.js';
import type { Storage } from '../storage/index.js';

export const CHAT_ROUTING_USAGE = `       atrium-relay chat wait [--member ID --seconds N] [--database URL]
       atrium-relay chat capacity [--email EMAIL --chats N] [--database URL]

  wait             Show how many seconds each member's own librarians are offered a waiting
                   chat before any librarian of the consortium is, or set it with --member and
                   --seconds (default 30; 0 opens every chat to the consortium at once)
  capacity         Show how many chats each librarian takes at once, or set it with --email
                   and --chats (default 3)
  --seconds N      Whole seconds, 0 or more
  --email EMAIL    The librarian's sign-in email
  --chats N        Whole number, at least 1`;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const MAX_WAIT_SECONDS = 24 * 60 * 60;
const MAX_CAPACITY = 100;

/** Exit code 0 when shown or set; 2 for options to correct; 1 for an unknown member. */
export async function chatWait(
  storage: Storage,
  options: { member?: string | undefined; seconds?: string | undefined },
  output: Output = process,
): Promise<number> {
  const store = new ChatStore(storage.db);
  if (options.member === undefined && options.seconds === undefined) {
    for (const [member, seconds] of await store.memberWaitSeconds()) output.stdout.write(`${member}\t${seconds} s\n`);
    return 0;
  }
  if (options.member === undefined) return usage(output, '--member: is required with --seconds');
  const seconds = wholeNumber(options.seconds, 0, MAX_WAIT_SECONDS);
  if (seconds === undefined) return usage(output, `--seconds: must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}`);
  if (!(await store.setMemberWaitSeconds(options.member, seconds))) {
    output.stderr.write(`There is no member "${options.member}" in this consortium.\n`);
    return 1;
  }
  output.stdout.write(
    seconds === 0
      ? `${options.member}'s waiting chats now open to the whole consortium at once.\n`
      : `${options.member}'s own librarians are now offered a waiting chat for ${seconds} s before the consortium is.\n`,
  );
  return 0;
}

/** Exit code 0 when shown or set; 2 for options to correct; 1 for an unknown librarian. */
export async function chatCapacity(
  storage: Storage,
  options: { email?: string | undefined; chats?: string | undefined },
  output: Output = process,
): Promise<number> {
  const store = new ChatStore(storage.db);
  if (options.email === undefined && options.chats === undefined) {
    for (const librarian of await store.librarianCapacities())
      output.stdout.write(`${librarian.email}\t${librarian.member}\t${librarian.capacity} at once\n`);
    return 0;
  }
  if (options.email === undefined) return usage(output, '--email: is required with --chats');
  const chats = wholeNumber(options.chats, 1, MAX_CAPACITY);
  if (chats === undefined) return usage(output, `--chats: must be a whole number from 1 to ${MAX_CAPACITY}`);
  const account = await storage.staff.findLibrarianByEmail(options.email);
  if (!account || !(await store.setLibrarianCapacity(account.id, chats))) {
    output.stderr.write(`There is no librarian with the email "${options.email}"; "atrium-relay librarian list" shows them.\n`);
    return 1;
  }
  output.stdout.write(`${account.email} now takes up to ${chats} chat${chats === 1 ? '' : 's'} at once.\n`);
  return 0;
}

function wholeNumber(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function usage(output: Output, problem: string): number {
  output.stderr.write(`${problem}\n`);
  return 2;
}
