// How a harvested record's metadata becomes an Atrium record, per metadataPrefix. Each format
// checks that the metadata is what the prefix promises and maps it with the importer of that
// format, so a harvested record reads exactly as the same record imported from a file would.
import { CatalogRecord, type HarvestMetadataPrefix } from '@atrium/sdk';
import type { RecordInput } from '../../storage/catalog-store.js';
import type { RowProblem } from '../../importers/import-format.js';
import { rowIssue } from '../../importers/row-issue.js';
import type { MemberBranches } from '../../importers/formats/marc/marc-holdings.js';
import { oaiDcFormat } from './oai-dc.js';
import { oaiMarcXmlFormat } from './oai-marcxml.js';
import type { XmlElement } from './xml-element.js';

export type HarvestMapResult = { ok: true; record: RecordInput } | ({ ok: false } & RowProblem);

export interface HarvestedMetadata {
  /** The record's local id, from its OAI identifier (the same for its deletion later). */
  localId: string;
  metadata: XmlElement;
}

export interface HarvestFormat {
  readonly metadataPrefix: HarvestMetadataPrefix;
  toRecord(input: HarvestedMetadata, member: string): HarvestMapResult;
}

/** The record checked against the wire contract, as imports of generic formats are. */
export function checkedRecord(record: RecordInput): HarvestMapResult {
  const checked = CatalogRecord.safeParse(record);
  if (checked.success) return { ok: true, record };
  const problem = rowIssue(checked.error, record);
  return { ok: false, reason: `unusable record: ${problem.reason}`, detail: problem.detail };
}

/** The format for a prefix; MARC formats place copies at `branches` (the member's, by id or name). */
export function harvestFormat(prefix: HarvestMetadataPrefix, branches?: MemberBranches): HarvestFormat {
  switch (prefix) {
    case 'oai_dc':
      return oaiDcFormat();
    case 'marc21':
    case 'marcxml':
      return oaiMarcXmlFormat(prefix, branches ?? { member: '', branches: [] });
  }
}
