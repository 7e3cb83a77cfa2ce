// What the schema of one field cannot see: that a resource's branch exists, that a policy names
// members the file declares, that ids and emails are not used twice.
import type { ConsortiumFile } from '@atrium/sdk';
import { formatPath, type IssuePath } from './issue-path.js';

export interface ReferenceIssue {
  path: IssuePath;
  message: string;
}

export function checkReferences(file: ConsortiumFile): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const members = new Map(file.members.map((member) => [member.id, member]));
  const listed = (ids: Iterable<string>) => [...ids].map((id) => `"${id}"`).join(', ');

  firstUse(
    file.members,
    (member) => member.id,
    (index, first) =>
      issues.push({
        path: ['members', index, 'id'],
        message: `member id "${file.members[index]!.id}" is already used by members[${first}]`,
      }),
  );
  firstUse(
    file.consortium.languages ?? [],
    (language) => language,
    (index) => issues.push({ path: ['consortium', 'languages', index], message: 'is listed twice' }),
  );

  const emails = new Map<string, string>();
  const noteEmail = (email: string, path: IssuePath) => {
    const key = email.trim().toLowerCase();
    const first = emails.get(key);
    if (first === undefined) emails.set(key, formatPath(path));
    else issues.push({ path: [...path, 'email'], message: `${email} already has an account at ${first}` });
  };
  (file.consortium.administrators ?? []).forEach((admin, index) => noteEmail(admin.email, ['consortium', 'administrators', index]));

  const widgetKeys = new Map<string, string>();
  file.members.forEach((member, m) => {
    const at = (...rest: Array<string | number>): IssuePath => ['members', m, ...rest];
    const branches = new Set(member.branches.map((branch) => branch.id));
    firstUse(
      member.branches,
      (branch) => branch.id,
      (index, first) =>
        issues.push({
          path: at('branches', index, 'id'),
          message: `branch id "${member.branches[index]!.id}" is already used by branches[${first}]`,
        }),
    );
    const resources = member.resources ?? [];
    firstUse(
      resources,
      (resource) => resource.id,
      (index, first) =>
        issues.push({
          path: at('resources', index, 'id'),
          message: `resource id "${resources[index]!.id}" is already used by resources[${first}]`,
        }),
    );
    resources.forEach((resource, index) => {
      if (!branches.has(resource.branch)) {
        issues.push({
          path: at('resources', index, 'branch'),
          message: `no branch "${resource.branch}" in ${member.id} (its branches: ${listed(branches)})`,
        });
      }
      if (resource.recordId !== undefined) {
        const owner = resource.recordId.split(':')[0]!;
        if (!resource.recordId.includes(':') || !members.has(owner)) {
          issues.push({
            path: at('resources', index, 'recordId'),
            message: `must be "<member>:<record>" with a member of this file, not "${resource.recordId}"`,
          });
        }
      }
    });
    const lending = member.lending;
    if (lending !== undefined) {
      if (lending.lendsTo !== 'everyone') {
        lending.lendsTo.forEach((id, index) => {
          if (!members.has(id)) issues.push({ path: at('lending', 'lendsTo', index), message: unknownMember(id, members.keys()) });
        });
      }
      if (lending.pickup !== 'any-member') {
        lending.pickup.forEach((point, index) => {
          const pickupMember = members.get(point.member);
          if (pickupMember === undefined) {
            issues.push({ path: at('lending', 'pickup', index, 'member'), message: unknownMember(point.member, members.keys()) });
            return;
          }
          const known = new Set(pickupMember.branches.map((branch) => branch.id));
          (point.branches ?? []).forEach((branch, b) => {
            if (!known.has(branch)) {
              issues.push({
                path: at('lending', 'pickup', index, 'branches', b),
                message: `no branch "${branch}" in ${point.member} (its branches: ${listed(known)})`,
              });
            }
          });
        });
      }
    }
    (member.librarians ?? []).forEach((librarian, index) => noteEmail(librarian.email, at('librarians', index)));
    const keys = member.widgetKeys ?? [];
    firstUse(
      keys,
      (key) => key.label.toLowerCase(),
      (index, first) =>
        issues.push({
          path: at('widgetKeys', index, 'label'),
          message: `label "${keys[index]!.label}" is already used by widgetKeys[${first}]`,
        }),
    );
    keys.forEach((key, index) => {
      if (key.key === undefined) return;
      const first = widgetKeys.get(key.key);
      if (first === undefined) widgetKeys.set(key.key, formatPath(at('widgetKeys', index)));
      else issues.push({ path: at('widgetKeys', index, 'key'), message: `this key is already given at ${first}` });
    });
  });
  return issues;
}

function unknownMember(id: string, known: Iterable<string>): string {
  const ids = [...known];
  return `no member "${id}" in this file${ids.length > 0 ? ` (its members: ${ids.map((member) => `"${member}"`).join(', ')})` : ''}`;
}

/** Calls `duplicate(index, firstIndex)` for every item whose key an earlier item had. */
function firstUse<T>(items: readonly T[], keyOf: (item: T) => string, duplicate: (index: number, first: number) => void): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicate(index, first);
  });
}
