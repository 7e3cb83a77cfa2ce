// The import formats the relay knows, by the name given on the command line.
import { z } from 'zod/mini';
import { ImportError } from './import-error.js';
import type { ImportFormat } from './import-format.js';
import { dcCsvFormat, dcJsonlFormat } from './formats/dublin-core.js';
import { loadDublinCoreMapping } from './formats/dublin-core-mapping.js';
import { goodbooksFormat } from './formats/goodbooks.js';
import type { HoldingsProfile } from './formats/marc/marc-holdings.js';
import { marc21Format, marcXmlFormat } from './formats/marc/marc21.js';
import { tangFormat } from './formats/tang.js';
import { tateFormat } from './formats/tate.js';

export const IMPORT_FORMATS = ['tate', 'goodbooks', 'tang', 'dc-csv', 'dc-jsonl', 'marc21', 'marcxml'] as const;
export const ImportFormatName = z.enum(IMPORT_FORMATS);
export type ImportFormatName = z.infer<typeof ImportFormatName>;

/** The format by name; for the Dublin Core formats, with the mapping file read and checked; for MARC, with its holdings profile. */
export async function loadImportFormat(
  name: ImportFormatName,
  options: { mapping?: string; holdings?: HoldingsProfile } = {},
): Promise<ImportFormat> {
  if (options.mapping !== undefined && name !== 'dc-csv' && name !== 'dc-jsonl') {
    throw new ImportError('invalid-options', `A mapping file only applies to dc-csv and dc-jsonl, not to ${name}.`);
  }
  if (options.holdings !== undefined && name !== 'marc21' && name !== 'marcxml') {
    throw new ImportError('invalid-options', `A holdings profile only applies to marc21 and marcxml, not to ${name}.`);
  }
  const marc = options.holdings === undefined ? {} : { holdings: options.holdings };
  const mapping = options.mapping === undefined ? undefined : await loadDublinCoreMapping(options.mapping);
  switch (name) {
    case 'tate':
      return tateFormat;
    case 'goodbooks':
      return goodbooksFormat;
    case 'tang':
      return tangFormat;
    case 'dc-csv':
      return dcCsvFormat(mapping);
    case 'dc-jsonl':
      return dcJsonlFormat(mapping);
    case 'marc21':
      return marc21Format(marc);
    case 'marcxml':
      return marcXmlFormat(marc);
  }
}
