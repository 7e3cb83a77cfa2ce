// Opens an import file as a stream of text, decompressing gzip when the file starts with the
// gzip magic bytes (whatever its name), and tells how far into the file reading has got.
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { ImportError } from './import-error.js';

export interface ImportInput {
  /** The file's content, decompressed, as bytes. */
  content: Readable;
  compressed: boolean;
  /** Size of the file on disk, compressed bytes when gzip. */
  totalBytes: number;
  /** Bytes of the file on disk read so far. */
  bytesRead(): number;
  close(): void;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

// zlib streams take the stream options too (Node passes them on to Transform); its types omit them.
const GUNZIP_OPTIONS: ZlibOptions & { highWaterMark: number } = { chunkSize: 128 * 1024, highWaterMark: 1024 * 1024 };

export async function openInput(file: string): Promise<ImportInput> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new ImportError('unreadable-file', `Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ImportError('unreadable-file', `${file} is not a file`);
    const head = Buffer.alloc(2);
    const { bytesRead: headBytes } = await handle.read(head, 0, 2, 0);
    const compressed = headBytes === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
    const raw = handle.createReadStream({ start: 0, highWaterMark: 256 * 1024 });
    const content: Readable = compressed
      ? // Decompressing up to a megabyte ahead lets the thread pool inflate while the main
        // thread parses, instead of each waiting for the other.
        pipeline(raw, createGunzip(GUNZIP_OPTIONS), () => {
          // Errors surface to the reader through the gunzip stream itself.
        })
      : raw;
    return {
      content,
      compressed,
      totalBytes: stat.size,
      bytesRead: () => raw.bytesRead,
      close: () => {
        content.destroy();
        raw.destroy();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
