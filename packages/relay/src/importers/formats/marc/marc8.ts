// Decodes MARC-8, the character coding of MARC 21 records whose leader/09 is blank: ASCII and
// the Extended Latin set (ANSEL) by default, other sets switched in by ISO 2022 escapes.
// Combining diacritics precede their letter in MARC-8 and follow it in Unicode, so they are
// held until the letter comes; the result is NFC. The East Asian (EACC), Hebrew, Cyrillic,
// Arabic and Greek sets are not decoded yet: their characters become U+FFFD and the set is named.
import { ANSEL_COMBINING, ANSEL_SECOND_HALVES, ANSEL_SPACING } from './ansel.js';

const ESC = 0x1b;
const REPLACEMENT = 0xfffd;

/** The sets a MARC-8 escape sequence can name, by its final byte. */
const SET_NAMES: Record<string, string> = {
  B: 'ASCII',
  s: 'ASCII',
  E: 'Extended Latin (ANSEL)',
  g: 'Greek symbols',
  b: 'Subscripts',
  p: 'Superscripts',
  '1': 'East Asian (EACC)',
  '2': 'Basic Hebrew',
  '3': 'Basic Arabic',
  '4': 'Extended Arabic',
  N: 'Basic Cyrillic',
  Q: 'Extended Cyrillic',
  S: 'Basic Greek',
};

const DECODED_SETS = new Set(['B', 's', 'E', 'b', 'p', 'g']);

const SUBSCRIPTS = new Map<number, number>([
  [0x28, 0x208d],
  [0x29, 0x208e],
  [0x2b, 0x208a],
  [0x2d, 0x208b],
  ...Array.from({ length: 10 }, (_, digit): [number, number] => [0x30 + digit, 0x2080 + digit]),
]);

const SUPERSCRIPTS = new Map<number, number>([
  [0x28, 0x207d],
  [0x29, 0x207e],
  [0x2b, 0x207a],
  [0x2d, 0x207b],
  [0x30, 0x2070],
  [0x31, 0x00b9],
  [0x32, 0x00b2],
  [0x33, 0x00b3],
  ...Array.from({ length: 6 }, (_, index): [number, number] => [0x34 + index, 0x2074 + index]),
]);

const GREEK_SYMBOLS = new Map<number, number>([
  [0x61, 0x03b1],
  [0x62, 0x03b2],
  [0x63, 0x03b3],
]);

/** MARC-8's own controls: the non-sort marks carry no text, the joiners are Unicode's. */
const CONTROLS = new Map<number, number | undefined>([
  [0x88, undefined],
  [0x89, undefined],
  [0x8d, 0x200d],
  [0x8e, 0x200c],
]);

interface GraphicSet {
  final: string;
  /** Bytes per character: 3 for EACC, 1 for the rest. */
  width: number;
}

export interface Marc8Text {
  text: string;
  /** Sets the text switched to that are not decoded (their characters are U+FFFD). */
  unsupportedSets: string[];
  /** Bytes that no set in force gives a character for. */
  undefinedBytes: number;
}

const ASCII: GraphicSet = { final: 'B', width: 1 };
const ANSEL: GraphicSet = { final: 'E', width: 1 };

function isPlainAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (bytes[i]! >= 0x80 || bytes[i] === ESC) return false;
  return true;
}

/** A character of a one-byte set from its 7-bit code (0x21–0x7E), or undefined when the set has none there. */
function singleByteChar(set: GraphicSet, code: number): number | undefined {
  switch (set.final) {
    case 'B':
    case 's':
      return code;
    case 'E':
      return ANSEL_SPACING.get(code | 0x80) ?? ANSEL_COMBINING.get(code | 0x80);
    case 'b':
      return SUBSCRIPTS.get(code);
    case 'p':
      return SUPERSCRIPTS.get(code);
    case 'g':
      return GREEK_SYMBOLS.get(code);
    default:
      return undefined;
  }
}

function isCombining(set: GraphicSet, code: number): boolean {
  return set.final === 'E' && ANSEL_COMBINING.has(code | 0x80);
}

/** Reads the escape sequence at `i`; returns the set it designates, which half it goes to, and its length. */
function readEscape(bytes: Uint8Array, i: number, end: number): { set: GraphicSet; g1: boolean; length: number } | undefined {
  const next = bytes[i + 1];
  if (next === undefined || i + 1 >= end) return undefined;
  const at = (k: number) => (i + k < end ? String.fromCharCode(bytes[i + k]!) : '');
  const one = at(1);
  // Technique 2: ESC g / b / p / s switch G0 to a small set.
  if ('gbps'.includes(one) && one !== '') return { set: { final: one, width: 1 }, g1: false, length: 2 };
  if ('(,'.includes(one) && at(2) !== '') return { set: { final: at(2), width: 1 }, g1: false, length: 3 };
  if (')-'.includes(one) && at(2) !== '') return { set: { final: at(2), width: 1 }, g1: true, length: 3 };
  if (one === '$') {
    const two = at(2);
    if ('(,'.includes(two) && at(3) !== '') return { set: { final: at(3), width: 3 }, g1: false, length: 4 };
    if (')-'.includes(two) && at(3) !== '') return { set: { final: at(3), width: 3 }, g1: true, length: 4 };
    if (two !== '') return { set: { final: two, width: 3 }, g1: false, length: 3 };
  }
  return undefined;
}

/** Decodes MARC-8 bytes `start`..`end` of one field; the default sets are in force at its start. */
export function decodeMarc8(bytes: Uint8Array, start = 0, end = bytes.length): Marc8Text {
  if (isPlainAscii(bytes, start, end)) {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'),
      unsupportedSets: [],
      undefinedBytes: 0,
    };
  }
  let g0 = ASCII;
  let g1 = ANSEL;
  const out: number[] = [];
  let pending: number[] = [];
  const unsupported = new Set<string>();
  let undefinedBytes = 0;
  const emit = (char: number, combining: boolean) => {
    if (combining) {
      pending.push(char);
      return;
    }
    out.push(char);
    if (pending.length > 0) {
      out.push(...pending);
      pending = [];
    }
  };
  let i = start;
  while (i < end) {
    const byte = bytes[i]!;
    if (byte === ESC) {
      const escape = readEscape(bytes, i, end);
      if (escape === undefined) {
        undefinedBytes += 1;
        i += 1;
        continue;
      }
      if (escape.g1) g1 = escape.set;
      else g0 = escape.set;
      i += escape.length;
      continue;
    }
    if (CONTROLS.has(byte)) {
      const char = CONTROLS.get(byte);
      if (char !== undefined) out.push(char);
      i += 1;
      continue;
    }
    if (byte < 0x21 || byte === 0x7f) {
      // Space and the C0 controls are the same in every set.
      emit(byte, false);
      i += 1;
      continue;
    }
    const set = byte < 0x80 ? g0 : g1;
    const code = byte & 0x7f;
    if (set.final === 'E' && ANSEL_SECOND_HALVES.has(code | 0x80)) {
      i += 1;
      continue;
    }
    if (set.width === 3) {
      unsupported.add(SET_NAMES[set.final] ?? `set "${set.final}"`);
      emit(REPLACEMENT, false);
      i += 3;
      continue;
    }
    if (byte >= 0x80 && byte < 0xa1) {
      undefinedBytes += 1;
      i += 1;
      continue;
    }
    const char = singleByteChar(set, code);
    if (char === undefined && DECODED_SETS.has(set.final)) {
      undefinedBytes += 1;
    } else if (char === undefined) {
      unsupported.add(SET_NAMES[set.final] ?? `set "${set.final}"`);
      emit(REPLACEMENT, false);
    } else {
      emit(char, isCombining(set, code));
    }
    i += 1;
  }
  // Diacritics with no letter after them stay, after what came before.
  out.push(...pending);
  let text = '';
  for (let k = 0; k < out.length; k += 4096) text += String.fromCodePoint(...out.slice(k, k + 4096));
  return { text: text.normalize('NFC'), unsupportedSets: [...unsupported], undefinedBytes };
}
