// The import formats the relay knows, by the name given on the command line.
import { z } from 'zod/mini';
import { ImportError } from './import-error.js';
import type { ImportFormat } from './import-format.js';
import { dcCsvFormat, dcJsonlFormat } from './formats/dublin-core.js';
import { loadDublinCoreMapping } from './formats/dublin-core-mapping.js';
import { goodbooksFormat } from './formats/goodbooks.js';
import { tangFormat } from './formats/tang.js';
import { tateFormat } from './formats/tate.js';

export const IMPORT_FORMATS = ['tate', 'goodbooks', 'tang', 'dc-csv', 'dc-jsonl'] as const;
export const ImportFormatName = z.enum(IMPORT_FORMATS);
export type ImportFormatName = z.infer<typeof ImportFormatName>;

/** The format by name; for the Dublin Core formats, with the mapping file read and checked. */
export async function loadImportFormat(name: ImportFormatName, options: { mapping?: string } = {}): Promise<ImportFormat> {
  if (options.mapping !== undefined && name !== 'dc-csv' && name !== 'dc-jsonl') {
    throw new ImportError('invalid-options', `A mapping file only applies to dc-csv and dc-jsonl, not to ${name}.`);
  }
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
  }
}
