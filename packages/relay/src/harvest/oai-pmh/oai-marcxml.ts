// MARCXML harvested over OAI-PMH (prefix `marcxml`, or `marc21` as Koha and others name the
// same thing): the record in the MARC 21 slim namespace becomes a MARC record and is mapped by
// the MARC importer's own mapping, copies included, so a harvested record reads exactly as the
// same record imported from a file. Its id comes from the OAI identifier, as its deletion will.
import type { HarvestMetadataPrefix } from '@atrium/sdk';
import { branchResolver, holdingsOf, type MemberBranches } from '../../importers/formats/marc/marc-holdings.js';
import { marcToRecord } from '../../importers/formats/marc/marc-mapping.js';
import { marcText, type MarcRecord } from '../../importers/formats/marc/marc-record.js';
import { MARCXML_NS } from '../../importers/formats/marc/read-marcxml.js';
import { type HarvestFormat, checkedRecord } from './metadata-format.js';
import { childElements, textOf, type XmlElement } from './xml-element.js';

/** The MARC record in a harvested MARCXML element: a `record`, or a `collection` holding one. */
function marcRecordOf(metadata: XmlElement): MarcRecord | string {
  let element = metadata;
  if (element.uri === MARCXML_NS && element.local === 'collection') {
    const records = childElements(element, MARCXML_NS, 'record');
    if (records.length !== 1) return `the collection holds ${records.length} records, not one`;
    element = records[0]!;
  }
  if (element.uri !== MARCXML_NS || element.local !== 'record') {
    return `the metadata is <${metadata.name}> in ${metadata.uri || 'no namespace'}, not a MARCXML record`;
  }
  const record: MarcRecord = { leader: '', controlFields: [], dataFields: [] };
  for (const child of childElements(element, MARCXML_NS)) {
    const tag = (child.attributes.tag ?? '').trim();
    switch (child.local) {
      case 'leader':
        record.leader = textOf(child);
        break;
      case 'controlfield':
        record.controlFields.push({ tag, value: marcText(textOf(child)) });
        break;
      case 'datafield':
        record.dataFields.push({
          tag,
          ind1: child.attributes.ind1 ?? ' ',
          ind2: child.attributes.ind2 ?? ' ',
          subfields: childElements(child, MARCXML_NS, 'subfield').map((subfield) => [
            subfield.attributes.code ?? '',
            marcText(textOf(subfield)),
          ]),
        });
        break;
    }
  }
  if (record.leader.length !== 24) return `the leader is ${record.leader.length} characters long, not 24`;
  return record;
}

export function oaiMarcXmlFormat(prefix: Extract<HarvestMetadataPrefix, 'marcxml' | 'marc21'>, branches: MemberBranches): HarvestFormat {
  const resolve = branchResolver(branches);
  return {
    metadataPrefix: prefix,
    toRecord({ localId, metadata }, member) {
      const source = marcRecordOf(metadata);
      if (typeof source === 'string') return { ok: false, reason: 'not MARCXML', detail: source };
      const mapped = marcToRecord(source, member);
      if (!mapped.ok) return mapped;
      const record = { ...mapped.record, id: `${member}:${localId}` };
      record.holdings = holdingsOf(source, 'auto', branches, resolve).holdings;
      return checkedRecord(record);
    },
  };
}
