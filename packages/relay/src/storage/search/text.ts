// The one text pipeline behind both search indexes, the query parser and highlighting:
// fold (NFKC, case, diacritics, Traditional -> Simplified Chinese) and segment into tokens.
// The index and the query must agree token for token, so nothing else may tokenize.
import * as OpenCC from 'opencc-js';

/** A token of indexed text and where it came from in the original string (UTF-16 offsets). */
export interface TextToken {
  text: string;
  start: number;
  end: number;
  /** End of the token's first source character: a one-character prefix match marks only that. */
  headEnd: number;
}

/** The tokens a query word or phrase must match, in order. */
export interface QueryTokens {
  tokens: string[];
  /**
   * True when the last token is a single CJK character that may begin a longer run in the
   * text, so it must match as a prefix (李 finds 李白).
   */
  prefix: boolean;
}

// Converting from Taiwan-standard Traditional folds the most variants onto one Simplified
// form (裡/裏 -> 里). Characters are converted one at a time, never as phrases, so a query
// folds exactly like the same characters inside a record, whatever surrounds them.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const HAN = /\p{Script=Han}/u;
// Combining accents on Latin, Greek and Cyrillic letters; other scripts' marks are part of their words.
// eslint-disable-next-line no-misleading-character-class -- the class lists combining marks on purpose, to remove them
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/gu;
// Letters that carry their "accent" in the letter itself, so NFD cannot take it off.
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
};

const enum CharClass {
  Separator = 0,
  Word = 1,
  Cjk = 2,
}

interface FoldedChar {
  folded: string;
  kind: CharClass;
}

// Indexed by code point: most text is in the Basic Multilingual Plane, and an array lookup
// is several times faster than a Map's for the CJK-heavy records.
const bmpFolds: (FoldedChar[] | undefined)[] = new Array(0x10000);
const astralFolds = new Map<number, FoldedChar[]>();

/** Folds one source code point into zero or more classified characters (ﬁ -> f, i). */
function foldCodePoint(codePoint: number): FoldedChar[] {
  const cached = codePoint < 0x10000 ? bmpFolds[codePoint] : astralFolds.get(codePoint);
  if (cached) return cached;
  let text = String.fromCodePoint(codePoint).normalize('NFKC').toLowerCase();
  text = text.normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
  let out = '';
  for (const char of text) out += LETTER_FOLDS[char] ?? (HAN.test(char) ? toSimplified(char) : char);
  const result: FoldedChar[] = [];
  for (const char of out) {
    result.push({ folded: char, kind: CJK.test(char) ? CharClass.Cjk : WORD.test(char) ? CharClass.Word : CharClass.Separator });
  }
  if (codePoint < 0x10000) bmpFolds[codePoint] = result;
  else astralFolds.set(codePoint, result);
  return result;
}

/** Token boundaries found in one pass; reused between calls (segmenting never re-enters). */
class Segmenter {
  texts: string[] = [];
  starts: number[] = [];
  ends: number[] = [];
  heads: number[] = [];
  private word = '';
  private wordStart = 0;
  private wordEnd = 0;
  private wordHead = 0;
  private runChars: string[] = [];
  private runStarts: number[] = [];
  private runEnds: number[] = [];

  private withSpans = false;

  segment(text: string, withSpans: boolean): void {
    this.withSpans = withSpans;
    this.texts = [];
    this.starts = [];
    this.ends = [];
    this.heads = [];
    this.word = '';
    this.runChars.length = 0;
    this.runStarts.length = 0;
    this.runEnds.length = 0;
    const length = text.length;
    let index = 0;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code < 128) {
        if (isAsciiWordChar(code)) {
          let end = index + 1;
          while (end < length && isAsciiWordChar(text.charCodeAt(end))) end += 1;
          this.flushRun();
          this.addToWord(text.slice(index, end).toLowerCase(), index, end, index + 1);
          index = end;
        } else {
          this.flushWord();
          this.flushRun();
          index += 1;
        }
        continue;
      }
      const codePoint = text.codePointAt(index)!;
      const end = index + (codePoint > 0xffff ? 2 : 1);
      const folded = foldCodePoint(codePoint);
      for (let k = 0; k < folded.length; k += 1) {
        const char = folded[k]!;
        if (char.kind === CharClass.Word) {
          this.flushRun();
          this.addToWord(char.folded, index, end, end);
        } else if (char.kind === CharClass.Cjk) {
          this.flushWord();
          const last = this.runStarts.length - 1;
          // One source character folding to several stays one run position.
          if (last >= 0 && this.runStarts[last] === index) this.runChars[last] += char.folded;
          else {
            this.runChars.push(char.folded);
            this.runStarts.push(index);
            this.runEnds.push(end);
          }
        } else {
          this.flushWord();
          this.flushRun();
        }
      }
      index = end;
    }
    this.flushWord();
    this.flushRun();
  }

  private addToWord(folded: string, start: number, end: number, head: number): void {
    if (this.word.length === 0) {
      this.wordStart = start;
      this.wordHead = head;
    }
    this.word += folded;
    this.wordEnd = end;
  }

  private push(text: string, start: number, end: number, head: number): void {
    this.texts.push(text);
    if (!this.withSpans) return;
    this.starts.push(start);
    this.ends.push(end);
    this.heads.push(head);
  }

  private flushWord(): void {
    if (this.word.length === 0) return;
    this.push(
      this.word.length > MAX_TOKEN_LENGTH ? this.word.slice(0, MAX_TOKEN_LENGTH) : this.word,
      this.wordStart,
      this.wordEnd,
      this.wordHead,
    );
    this.word = '';
  }

  private flushRun(): void {
    const count = this.runChars.length;
    if (count === 0) return;
    for (let i = 0; i + 1 < count; i += 1) {
      this.push(this.runChars[i]! + this.runChars[i + 1]!, this.runStarts[i]!, this.runEnds[i + 1]!, this.runEnds[i]!);
    }
    this.push(this.runChars[count - 1]!, this.runStarts[count - 1]!, this.runEnds[count - 1]!, this.runEnds[count - 1]!);
    this.runChars.length = 0;
    this.runStarts.length = 0;
    this.runEnds.length = 0;
  }
}

/** Longer "words" (encoded data, run-together text) are cut: no one types them, and indexes limit token size. */
const MAX_TOKEN_LENGTH = 100;

function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

const segmenter = new Segmenter();

/**
 * Segments text for the index: Latin, Cyrillic, digits... as words; CJK runs as
 * overlapping bigrams followed by the run's last character on its own, so a phrase of
 * bigrams finds any run of two or more characters and a one-character query (a prefix)
 * finds every position.
 */
export function tokenize(text: string): TextToken[] {
  segmenter.segment(text, true);
  const { texts, starts, ends, heads } = segmenter;
  return texts.map((token, i) => ({ text: token, start: starts[i]!, end: ends[i]!, headEnd: heads[i]! }));
}

/** The token strings of `text` as the index stores them. */
export function indexTokens(text: string): string[] {
  segmenter.segment(text, false);
  return segmenter.texts;
}

/**
 * The tokens a query word or quoted phrase must match as a phrase. It is the index
 * segmentation, except that a CJK run at the end may continue in the text: its final
 * lone character is dropped (the bigrams already cover it), and a one-character run
 * becomes a prefix.
 */
export function queryTokens(text: string): QueryTokens {
  const tokens = tokenize(text);
  const last = tokens.at(-1);
  if (!last || !isCjkToken(last.text)) return { tokens: tokens.map((token) => token.text), prefix: false };
  const beforeLast = tokens.at(-2);
  // A bigram ending where the lone character ends means the run had two or more characters.
  const runOfTwoOrMore = beforeLast !== undefined && beforeLast.end === last.end;
  if (runOfTwoOrMore) return { tokens: tokens.slice(0, -1).map((token) => token.text), prefix: false };
  return { tokens: tokens.map((token) => token.text), prefix: true };
}

export function isCjkToken(token: string): boolean {
  return CJK.test(token);
}

/**
 * Folded text for sorting and comparing: the same folding as tokens, with runs of
 * separators collapsed to one space.
 */
export function foldText(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (const char of text) {
    for (const folded of foldCodePoint(char.codePointAt(0)!)) {
      if (folded.kind === CharClass.Separator) {
        pendingSpace = out.length > 0;
        continue;
      }
      if (pendingSpace) out += ' ';
      pendingSpace = false;
      out += folded.folded;
    }
  }
  return out;
}
