// `export`: the stored consortium as a consortium file, the same shape `apply` reads, so the
// file a consortium keeps under version control can be made from a running relay, and an
// export applied again changes nothing.
import type { ConsortiumFile, MemberConfig } from '@atrium/sdk';
import { Document, isScalar, visit } from 'yaml';
import type { StoredConsortium } from '../../storage/consortium-store.js';

export function toConsortiumFile(stored: StoredConsortium): ConsortiumFile {
  const staffOf = (member: string | null) =>
    stored.librarians
      .filter((librarian) => librarian.member === member)
      .map(({ id: _id, member: _member, role, ...librarian }) => ({
        ...librarian,
        ...(member === null || role === undefined || role === 'librarian' ? {} : { role }),
      }));
  const administrators = staffOf(null).map(({ chatCapacity: _capacity, ...admin }) => admin);
  return {
    consortium: {
      ...(stored.settings ?? { name: { en: 'Unnamed consortium' } }),
      ...(administrators.length > 0 ? { administrators } : {}),
    },
    members: stored.members.map((member): MemberConfig => {
      const librarians = staffOf(member.fields.id);
      return {
        ...member.fields,
        branches: member.branches,
        ...(member.resources.length > 0 ? { resources: member.resources } : {}),
        ...(member.lending === undefined ? {} : { lending: member.lending }),
        chat: member.chat,
        ...(librarians.length > 0 ? { librarians } : {}),
        ...(member.widgetKeys.length > 0 ? { widgetKeys: member.widgetKeys } : {}),
      };
    }),
  };
}

const HEADER = `# Atrium consortium file. Apply with: atrium-relay apply FILE [--dry-run] [--prune]
# See docs/consortium.md for every field.
`;

/** YAML, with lists of plain values on one line: `mon: [["09:00", "17:00"]]`, `lends: [book, dvd]`. */
export function consortiumYaml(file: ConsortiumFile): string {
  const document = new Document(file);
  visit(document, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item) || (item as { items?: unknown[] }).items?.every(isScalar))) node.flow = true;
    },
  });
  return HEADER + document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
