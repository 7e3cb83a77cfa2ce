// Member and branch names for display, fetched once per client. Results and holdings carry
// only ids; the directory turns them into names in the reader's language.
import type { LocalizedName, Member } from '@atrium/sdk';
import type { LocaleId } from '../localize/resolve-locale.js';
import type { AtriumClient } from './client-registry.js';

export class MembersDirectory {
  private readonly byId: ReadonlyMap<string, Member>;

  constructor(members: readonly Member[]) {
    this.byId = new Map(members.map((member) => [member.id, member]));
  }

  get members(): Member[] {
    return [...this.byId.values()];
  }

  member(id: string): Member | undefined {
    return this.byId.get(id);
  }

  /** The member's name in the reader's language, or undefined when the member is unknown. */
  memberName(id: string, locale: LocaleId): string | undefined {
    const member = this.byId.get(id);
    return member && localizedName(member.name, locale);
  }

  branchName(memberId: string, branchId: string, locale: LocaleId): string | undefined {
    const branch = this.byId.get(memberId)?.branches.find((candidate) => candidate.id === branchId);
    return branch && localizedName(branch.name, locale);
  }
}

/** A name the relay gives in several languages, in the reader's language and script. */
export function localizedName(name: LocalizedName, locale: LocaleId): string {
  if (locale === 'en') return name.en;
  return (locale === 'zh-Hans' ? name.zhHans : name.zhHant) ?? name.zh ?? name.en;
}

const directories = new WeakMap<AtriumClient, Promise<MembersDirectory>>();

/** The members of the client's relay; a failed fetch is forgotten so the next call retries. */
export function membersDirectory(client: AtriumClient): Promise<MembersDirectory> {
  let pending = directories.get(client);
  if (!pending) {
    pending = client.members.list().then(({ items }) => new MembersDirectory(items));
    pending.catch(() => directories.delete(client));
    directories.set(client, pending);
  }
  return pending;
}
