// yaz-marcdump (Debian package `yaz`) as the independent reading of MARC files, and the
// idzebra examples (package `idzebra-2.0-examples`) as real records from real catalogues.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { marcText, type MarcRecord } from '../../src/importers/formats/marc/marc-record.js';

export const ZEBRA_EXAMPLES = '/usr/share/doc/idzebra-2.0/examples';
export const ZEBRA_MARC21 = `${ZEBRA_EXAMPLES}/marc21/sample-marc.gz`;
export const ZEBRA_MARCXML = [
  'collection-2.xml.gz',
  'collection-clasmrc.xml.gz',
  'collection-namemrc.xml.gz',
  'collection-opera-43.xml.gz',
  'collection-sandburg-1.xml',
  'collection-subjmrc.xml.gz',
].map((name) => `${ZEBRA_EXAMPLES}/marcxml/${name}`);

/** Why the MARC peer tests cannot run here, or undefined when they can. */
export function missingPeers(): string | undefined {
  const yaz = spawnSync('yaz-marcdump', ['-V']);
  if (yaz.error !== undefined) return 'yaz-marcdump is not installed (apt-get install yaz)';
  if (!existsSync(ZEBRA_MARC21)) return `${ZEBRA_MARC21} is missing (apt-get install idzebra-2.0-examples)`;
  return undefined;
}

/** Runs yaz-marcdump and returns its standard output as bytes. */
export function yazMarcdump(args: readonly string[]): Buffer {
  const result = spawnSync('yaz-marcdump', args, { maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) throw result.error;
  return result.stdout;
}

type YazField = Record<string, string | { ind1: string; ind2: string; subfields: Record<string, string>[] }>;

/**
 * The records of a file as yaz-marcdump reads them (its MARC-in-JSON output), the text put as
 * Atrium stores it (NFC, half marks as one double mark: see marcText), which is all yaz leaves alone.
 */
export function yazRecords(file: string, args: readonly string[] = []): MarcRecord[] {
  const text = yazMarcdump([...args, '-o', 'json', file]).toString('utf8');
  return text
    .split(/^\}$/m)
    .map((part) => part.trim())
    .filter((part) => part.startsWith('{'))
    .map((part) => {
      const json = JSON.parse(`${part}}`) as { leader: string; fields: YazField[] };
      const record: MarcRecord = { leader: json.leader, controlFields: [], dataFields: [] };
      for (const field of json.fields) {
        const [tag, value] = Object.entries(field)[0]!;
        if (typeof value === 'string') record.controlFields.push({ tag, value: marcText(value) });
        else {
          record.dataFields.push({
            tag,
            ind1: value.ind1,
            ind2: value.ind2,
            subfields: value.subfields.map((entry) => {
              const [code, text] = Object.entries(entry)[0]!;
              return [code, marcText(text)] as [string, string];
            }),
          });
        }
      }
      return record;
    });
}
