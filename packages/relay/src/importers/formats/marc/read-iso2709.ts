// Reads an ISO 2709 file as a stream of MARC records. Each record's leader says how long it is
// and it must end with a record terminator there; bytes that are not a record (a bad leader, a
// wrong length, stray bytes between records) are reported as one broken reading up to the record
// terminator that ends them or the next place a record plausibly starts, and reading picks up
// again there, so one bad record never stops a file.
import type { Readable } from 'node:stream';
import { LEADER_LENGTH, RECORD_TERMINATOR, guessControlNumber, looksLikeRecordAt, parseIso2709, statedLength } from './iso2709.js';
import type { MarcReading } from './marc-record.js';

const MAX_RECORD_LENGTH = 99_999;
/** Line ends, spaces, NULs, spare record terminators and the DOS end-of-file mark that exports put between or after records. */
const PADDING = new Set([0x00, 0x0a, 0x0d, 0x1a, 0x1d, 0x20]);

function whyBroken(bytes: Buffer, start: number, end: number): { reason: string; detail: string } {
  const length = statedLength(bytes, start);
  const size = end - start;
  if (length === undefined) {
    return size < LEADER_LENGTH
      ? { reason: 'stray bytes', detail: `${size} bytes that are not a record` }
      : { reason: 'bad leader', detail: `leader/00-04 "${bytes.subarray(start, start + 5).toString('latin1')}" is not a record length` };
  }
  if (length <= LEADER_LENGTH) return { reason: 'bad leader', detail: `leader/00-04 gives a record length of ${length}` };
  return { reason: 'bad record length', detail: `the leader says ${length} bytes, but no record terminator ends the record there` };
}

export async function* readIso2709(content: Readable): AsyncGenerator<MarcReading> {
  const chunks = content[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buffer: Buffer = Buffer.alloc(0);
  let bufferOffset = 0;
  let ended = false;
  let position = 0;

  /** Makes `count` bytes from `from` available if the file has them; positions in the buffer stay put. */
  const need = async (from: number, count: number): Promise<boolean> => {
    while (buffer.length - from < count && !ended) {
      const next = await chunks.next();
      if (next.done) ended = true;
      else buffer = buffer.length === 0 ? next.value : Buffer.concat([buffer, next.value]);
    }
    return buffer.length - from >= count;
  };
  /** Whether a whole record starts at `from` (reading ahead as far as its stated length). */
  const recordStartsAt = async (from: number): Promise<boolean> => {
    if (!(await need(from, 5))) return false;
    const length = statedLength(buffer, from);
    if (length === undefined || length > MAX_RECORD_LENGTH) return false;
    await need(from, length);
    return looksLikeRecordAt(buffer, from, buffer.length);
  };

  let at = 0;
  for (;;) {
    // What is read is dropped, so memory holds about one chunk and one record.
    buffer = buffer.subarray(at);
    bufferOffset += at;
    at = 0;
    while ((await need(at, 1)) && PADDING.has(buffer[at]!)) at += 1;
    if (!(await need(at, 1))) return;
    position += 1;
    if (await recordStartsAt(at)) {
      const length = statedLength(buffer, at)!;
      const parsed = parseIso2709(buffer, at, length);
      const offset = bufferOffset + at;
      if (parsed.record !== undefined) {
        yield parsed.warnings.length > 0
          ? { position, offset, record: parsed.record, warnings: parsed.warnings }
          : { position, offset, record: parsed.record };
      } else {
        yield {
          position,
          offset,
          problem: parsed.problem,
          ...(parsed.controlNumber === undefined ? {} : { controlNumber: parsed.controlNumber }),
        };
      }
      at += length;
      continue;
    }
    // Not a record here: one broken reading runs to its record terminator or to the next plausible
    // record start, whichever comes first, so stray bytes after a broken record are reported on their own.
    let next = at + 1;
    while ((await need(next, 1)) && buffer[next - 1] !== RECORD_TERMINATOR && !(await recordStartsAt(next))) next += 1;
    next = Math.min(next, buffer.length);
    let end = next;
    while (end > at && PADDING.has(buffer[end - 1]!)) end -= 1;
    const controlNumber = guessControlNumber(buffer, at, end);
    yield {
      position,
      offset: bufferOffset + at,
      problem: whyBroken(buffer, at, end),
      ...(controlNumber === undefined ? {} : { controlNumber }),
    };
    at = next;
  }
}
