// The consortium's configuration over the admin API: the same members the consortium file
// declares, read and written one member at a time through the same apply, so the file and the
// API can never disagree about what a change means. Each member carries an entity tag; a write
// must name the tag it was based on, and one based on an older state is refused, so two
// administrators editing one member never overwrite each other silently. Every write is in
// the audit log under the account that made it.
import { createHash } from 'node:crypto';
import type { ConsortiumFile, MemberConfig, StaffRole } from '@atrium/sdk';
import type { AuditEntry, ConsortiumStore, StoredConsortium } from '../../storage/consortium-store.js';
import { type ApplyResult, type ChangeActor, PruneRefusedError, applyConsortium, canonical } from './apply.js';
import { toConsortiumFile } from './export.js';
import { formatPath } from './issue-path.js';
import { checkReferences } from './references.js';

/** A staff account as the admin API sees it: which member it belongs to and its role there. */
export interface AdminAccount {
  id: string;
  email: string;
  member: string | null;
  role: StaffRole;
}

/** Why the admin API refuses: an HTTP status, a documented code and a sentence for the person. */
export class AdminRefusal extends Error {
  override name = 'AdminRefusal';
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 412 | 428,
    readonly code: string,
    readonly detail: string,
    readonly errors?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(detail);
  }
}

export interface VersionedMember {
  member: MemberConfig;
  /** A strong entity tag, quoted as HTTP sends it. */
  etag: string;
}

/** The entity tag of a member's configuration: a digest of it with its keys in a fixed order. */
export function memberTag(member: MemberConfig): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(canonical(member)))
    .digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

export class ConsortiumAdmin {
  constructor(
    private readonly store: ConsortiumStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The account's role, read afresh so a change of role takes effect at once. */
  async account(id: string): Promise<AdminAccount | undefined> {
    return this.store.staffAccount(id);
  }

  /** The members the account administers: every one for a consortium administrator, else their own. */
  async members(account: AdminAccount): Promise<VersionedMember[]> {
    const file = toConsortiumFile(await this.store.read());
    return file.members.filter((member) => mayAdminister(account, member.id)).map((member) => ({ member, etag: memberTag(member) }));
  }

  async member(account: AdminAccount, id: string): Promise<VersionedMember> {
    this.#mayAdminister(account, id);
    const member = memberIn(toConsortiumFile(await this.store.read()), id);
    if (member === undefined) throw new AdminRefusal(404, 'member_not_found', `No member ${id} in this consortium.`);
    return { member, etag: memberTag(member) };
  }

  /**
   * Replaces a member's configuration with `member`, as `apply --prune` would for that member
   * alone: branches, resources, widget keys and librarians it leaves out are removed unless
   * something depends on them. `ifMatch` must be the tag the change was based on.
   */
  async replaceMember(account: AdminAccount, id: string, member: MemberConfig, ifMatch: string | undefined): Promise<VersionedMember> {
    this.#mayAdminister(account, id);
    if (member.id !== id) throw fieldRefusal('id', `must be "${id}", the member this address is for; members cannot be renamed`);
    this.#mayGrant(account, member);
    if (ifMatch === undefined) {
      throw new AdminRefusal(
        428,
        'precondition_required',
        'Send If-Match with the ETag of the member as you read it, so no one else’s change is overwritten.',
      );
    }
    await this.#apply(account, (file) => {
      const index = file.members.findIndex((candidate) => candidate.id === id);
      if (index < 0) throw new AdminRefusal(404, 'member_not_found', `No member ${id} in this consortium.`);
      if (!tagMatches(ifMatch, memberTag(file.members[index]!))) {
        throw new AdminRefusal(
          412,
          'precondition_failed',
          `${id} was changed since you read it: read it again, redo your change and save.`,
        );
      }
      file.members[index] = member;
      return index;
    });
    return this.member(account, id);
  }

  /** Adds a member (consortium administrators only); 409 when the id is taken. */
  async createMember(account: AdminAccount, member: MemberConfig): Promise<VersionedMember> {
    if (account.role !== 'consortium-admin') throw forbidden('Only a consortium administrator adds members.');
    await this.#apply(account, (file) => {
      if (memberIn(file, member.id) !== undefined) throw new AdminRefusal(409, 'member_exists', `There is already a member ${member.id}.`);
      file.members.push(member);
      return file.members.length - 1;
    });
    return this.member(account, member.id);
  }

  /** Removes a member (consortium administrators only), refused while anything refers to it. */
  async removeMember(account: AdminAccount, id: string, ifMatch: string | undefined): Promise<void> {
    if (account.role !== 'consortium-admin') throw forbidden('Only a consortium administrator removes members.');
    if (ifMatch === undefined) {
      throw new AdminRefusal(428, 'precondition_required', 'Send If-Match with the ETag of the member as you read it.');
    }
    await this.#apply(account, (file) => {
      const index = file.members.findIndex((candidate) => candidate.id === id);
      if (index < 0) throw new AdminRefusal(404, 'member_not_found', `No member ${id} in this consortium.`);
      if (!tagMatches(ifMatch, memberTag(file.members[index]!))) {
        throw new AdminRefusal(412, 'precondition_failed', `${id} was changed since you read it: read it again before removing it.`);
      }
      file.members.splice(index, 1);
      return undefined;
    });
  }

  /** The audit log the account may read: all of it for a consortium administrator, else their member's. */
  async audit(account: AdminAccount, options: { member?: string; limit?: number; before?: string }): Promise<AuditEntry[]> {
    const member = account.role === 'consortium-admin' ? options.member : (account.member ?? undefined);
    if (account.role !== 'consortium-admin' && options.member !== undefined) this.#mayAdminister(account, options.member);
    return this.store.listAudit({ ...options, ...(member === undefined ? {} : { member }) });
  }

  /**
   * Applies the stored configuration with one change made to it by `edit`, in one transaction
   * that first checks what `edit` checks against what is stored at that moment.
   */
  async #apply(account: AdminAccount, edit: (file: ConsortiumFile) => number | undefined): Promise<ApplyResult> {
    const actor: ChangeActor = { id: account.id, email: account.email };
    const editStored = (stored: StoredConsortium): ConsortiumFile => {
      const file = toConsortiumFile(stored);
      const index = edit(file);
      const problems = checkReferences(file).filter(
        (issue) => index === undefined || issue.path[0] !== 'members' || issue.path[1] === index,
      );
      if (problems.length > 0) {
        throw new AdminRefusal(
          400,
          'invalid_member',
          'The member cannot be saved as it is: see errors.',
          problems.map((issue) => ({
            path: issue.path[0] === 'members' && issue.path[1] === index ? formatPath(issue.path.slice(2)) : formatPath(issue.path),
            message: issue.message,
          })),
        );
      }
      return file;
    };
    try {
      return await applyConsortium(this.store, editStored, { prune: true, now: this.now(), actor });
    } catch (error) {
      if (error instanceof PruneRefusedError) {
        throw new AdminRefusal(409, 'still_in_use', error.message.replace(/^Nothing was applied: /, 'Nothing was saved: '));
      }
      throw error;
    }
  }

  #mayAdminister(account: AdminAccount, member: string): void {
    if (!mayAdminister(account, member)) {
      throw forbidden(
        account.role === 'member-admin'
          ? `You administer ${account.member}, not ${member}.`
          : 'Only administrators change the consortium’s configuration; ask your member’s administrator.',
      );
    }
  }

  /** A member administrator cannot make anyone a consortium administrator. */
  #mayGrant(account: AdminAccount, member: MemberConfig): void {
    if (account.role === 'consortium-admin') return;
    const index = (member.librarians ?? []).findIndex((librarian) => librarian.role === 'consortium-admin');
    if (index >= 0) throw forbidden(`librarians[${index}].role: only a consortium administrator can make a consortium administrator.`);
  }
}

function mayAdminister(account: AdminAccount, member: string): boolean {
  return account.role === 'consortium-admin' || (account.role === 'member-admin' && account.member === member);
}

function memberIn(file: ConsortiumFile, id: string): MemberConfig | undefined {
  return file.members.find((member) => member.id === id);
}

/** If-Match: `*`, one tag, or a list; weak tags never match a strong comparison. */
function tagMatches(header: string, tag: string): boolean {
  return header
    .split(',')
    .map((part) => part.trim())
    .some((part) => part === '*' || part === tag);
}

function forbidden(detail: string): AdminRefusal {
  return new AdminRefusal(403, 'forbidden', detail);
}

function fieldRefusal(path: string, message: string): AdminRefusal {
  return new AdminRefusal(400, 'invalid_member', `${path}: ${message}`, [{ path, message }]);
}
