// Tells a MARC file's format from its first bytes when the command line does not say: MARCXML
// (an XML document in the MARC 21 slim namespace, prefixed or not) or ISO 2709 (a record
// leader: five digits of length, then indicator and subfield-code counts of 2). Other formats
// look too alike (CSV, JSON lines) to guess safely and must be named.
import { openInput } from './open-input.js';
import type { ImportFormatName } from './formats.js';

const HEAD_BYTES = 64 * 1024;
const LEADER = /^\d{5}[a-z ]{3}[a-z0-9 ][a ]22\d{5}/;

export function formatOfHead(head: Buffer): ImportFormatName | undefined {
  const text = head
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (text.startsWith('<')) return /http:\/\/www\.loc\.gov\/MARC21\/slim/.test(text) ? 'marcxml' : undefined;
  return LEADER.test(text) ? 'marc21' : undefined;
}

/** The format of `file` (plain or gzip), or undefined when its first bytes do not say. */
export async function detectFormat(file: string): Promise<ImportFormatName | undefined> {
  const input = await openInput(file);
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of input.content) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= HEAD_BYTES) break;
    }
    return formatOfHead(Buffer.concat(chunks).subarray(0, HEAD_BYTES));
  } finally {
    input.close();
  }
}
