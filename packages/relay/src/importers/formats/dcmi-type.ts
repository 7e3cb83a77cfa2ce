// Dublin Core `type` values (DCMI Type Vocabulary, as words or URIs) to Atrium record types.
import { RecordType } from '@atrium/sdk';

const DCMI_TYPES: Record<string, RecordType | 'text'> = {
  text: 'text',
  image: 'image',
  stillimage: 'image',
  movingimage: 'video',
  sound: 'audio',
  physicalobject: 'object',
  dataset: 'other',
  software: 'other',
  interactiveresource: 'other',
  collection: 'other',
  event: 'other',
  service: 'other',
};

function normalize(value: string): string {
  return value
    .trim()
    .replace(/^https?:\/\/purl\.org\/dc\/dcmitype\//i, '')
    .replace(/^dcmitype:/i, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/**
 * The record type for a DC type value. DCMI `Text` becomes `book` when the record has an
 * ISBN and `text` otherwise; Atrium's own type names are accepted as they are; anything
 * else is `other`.
 */
export function recordTypeFromDc(value: string, hasIsbn: boolean): RecordType {
  const key = normalize(value);
  const dcmi = DCMI_TYPES[key];
  if (dcmi === 'text') return hasIsbn ? 'book' : 'text';
  if (dcmi !== undefined) return dcmi;
  const own = RecordType.safeParse(key);
  return own.success ? own.data : 'other';
}
