// Where in a consortium file a problem is: `members[1].branches[0].hours`.
export type IssuePath = ReadonlyArray<string | number>;

export function formatPath(path: IssuePath): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text;
}
