// Reading a secret from the person at the terminal: nothing they type is echoed.

export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(on: boolean): unknown; unshift(chunk: string): void };
  output: { write(text: string): unknown };
}

/** One line typed without echo; `undefined` when they press Ctrl-C or Ctrl-D, or the input ends. */
export function readHiddenLine(terminal: Terminal, prompt: string): Promise<string | undefined> {
  const { input, output } = terminal;
  output.write(prompt);
  const raw = input.isTTY === true && typeof input.setRawMode === 'function';
  if (raw) input.setRawMode!(true);
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let line = '';
    const finish = (value: string | undefined, rest = '') => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
      if (rest !== '') input.unshift(rest);
      if (raw) input.setRawMode!(false);
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      const text = String(chunk);
      for (let i = 0; i < text.length; i += 1) {
        const char = text[i]!;
        if (char === '\r' || char === '\n') {
          const next = char === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
          finish(line, text.slice(next));
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish(undefined);
          return;
        }
        if (char === '\u007f' || char === '\b') line = [...line].slice(0, -1).join('');
        else line += char;
      }
    };
    const onEnd = () => finish(line === '' ? undefined : line);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
