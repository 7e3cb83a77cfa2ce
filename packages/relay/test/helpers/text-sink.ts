// A writable stream that keeps what a command prints (a progress bar, a summary), for tests to read.
import { Writable } from 'node:stream';

export function textSink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}
