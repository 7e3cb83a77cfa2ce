// Small helpers the format mappers share to build tidy records: no empty strings, no
// duplicate list entries, optional fields left out rather than set to undefined.

/** Trimmed text with runs of whitespace collapsed, or undefined when nothing is left. */
function isOtherWhitespace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** True when the text has no leading, trailing or doubled spaces and no other whitespace (the common case, checked without allocating). */
function isTidy(value: string): boolean {
  let afterSpace = true;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code === 32) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (code < 128 ? code <= 13 && code >= 9 : isOtherWhitespace(code)) {
      return false;
    } else {
      afterSpace = false;
    }
  }
  return !afterSpace;
}

export function clean(value: string | null | undefined): string | undefined {
  if (value == null || value === '') return undefined;
  if (isTidy(value)) return value;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** Like `clean` but keeps line breaks (poems, descriptions). */
export function cleanLines(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const text = value
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .join('\n')
    .trim();
  return text === '' ? undefined : text;
}

export function uniqueClean(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const text = clean(value);
    if (text !== undefined) seen.add(text);
  }
  return [...seen];
}

/** Drops keys whose value is undefined, so optional record fields are absent rather than undefined. */
export function withoutUndefined<T extends object>(fields: T): T {
  const out = {} as Record<string, unknown>;
  for (const key in fields) if (fields[key] !== undefined) out[key] = fields[key];
  return out as T;
}
