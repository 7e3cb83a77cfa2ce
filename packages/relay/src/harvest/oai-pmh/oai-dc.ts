// oai_dc, the Dublin Core every OAI-PMH repository must offer: its elements become a row for
// the Dublin Core importer's default mapping (creator, subject, date, type, format, ...).
import { dcJsonlFormat } from '../../importers/formats/dublin-core.js';
import { type HarvestFormat, checkedRecord } from './metadata-format.js';
import { childElements, textOf } from './xml-element.js';

export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

export function oaiDcFormat(): HarvestFormat {
  const dublinCore = dcJsonlFormat();
  return {
    metadataPrefix: 'oai_dc',
    toRecord({ localId, metadata }, member) {
      if (metadata.uri !== OAI_DC_NS || metadata.local !== 'dc') {
        return {
          ok: false,
          reason: 'not oai_dc',
          detail: `the metadata is <${metadata.name}> in ${metadata.uri || 'no namespace'}, not oai_dc:dc`,
        };
      }
      const row: Record<string, string[]> = {};
      for (const element of childElements(metadata, DC_NS)) {
        const text = textOf(element).trim();
        if (text !== '') (row[element.local] ??= []).push(text);
      }
      const identifiers = row.identifier ?? [];
      // The OAI identifier comes first so it names the record; the record's own identifiers stay searchable.
      row.identifier = [localId, ...identifiers.filter((identifier) => identifier !== localId)];
      // A dc:identifier that is a link is the record's page at the member.
      const links = identifiers.filter((identifier) => /^https?:\/\/\S+$/i.test(identifier));
      if (links.length > 0) row.url = links;
      const result = dublinCore.toRecord(row, { member });
      if (!result.ok) return result;
      return checkedRecord(result.record);
    },
  };
}
