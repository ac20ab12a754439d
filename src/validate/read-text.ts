import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { KgError } from '../errors';

/** Annotation files are written by hand; anything this large is a mistake, not data. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; error: KgError };

/**
 * Reads a UTF-8 text file: refuses oversized files before reading them, reports invalid UTF-8 at the
 * first bad byte's line and column (Node would silently turn it into U+FFFD), and drops a leading BOM
 * (the YAML parser would count it as a column).
 */
export async function readText(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  const read = await readBytes(file, maxBytes);
  return read.ok ? decodeText(read.bytes, file) : read;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** What a non-regular file is, in words: `a FIFO (named pipe)`. */
export function describeSpecial(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return info.isDirectory() ? 'a folder' : 'not a regular file';
}

/**
 * A file's bytes, unless it is over the size limit or not a regular file; throws FILE_UNREADABLE. The
 * file is opened without blocking (a FIFO with no writer would wait forever) and checked on its open
 * descriptor, so a FIFO or device is never read; the limit bounds the reading itself, not what stat
 * said (a file can grow, and /dev/zero has size 0).
 */
export async function readBytes(
  file: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: KgError }> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const info = await handle.stat();
    if (!info.isFile()) {
      return {
        ok: false,
        error: new KgError('NOT_REGULAR_FILE', `${describeSpecial(info)}, not a regular file: never read`, {
          file,
        }),
      };
    }
    const tooLarge = (message: string) => ({
      ok: false as const,
      error: new KgError('FILE_TOO_LARGE', message, { file }),
    });
    if (info.size > maxBytes) return tooLarge(`file is ${mb(info.size)}, over the limit of ${mb(maxBytes)}`);
    const grew = `file is over the limit of ${mb(maxBytes)} as read (its size said ${mb(info.size)})`;
    // One byte past the limit tells a file that grew over it from one that ends there.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(info.size + 1, 64 * 1024)));
    let length = 0;
    let bytes = buffer;
    for (;;) {
      if (length === bytes.length) {
        if (length > maxBytes) return tooLarge(grew);
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, bytes.length * 2));
        bytes.copy(bigger, 0, 0, length);
        bytes = bigger;
      }
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return tooLarge(grew);
    return { ok: true, bytes: bytes.subarray(0, length) };
  } catch (cause) {
    throw new KgError(
      'FILE_UNREADABLE',
      `cannot read ${file}: ${(cause as Error).message}`,
      { file },
      { cause },
    );
  } finally {
    await handle?.close();
  }
}

/** The text of a file's bytes, as readText gives it. */
export function decodeText(bytes: Buffer, file: string): ReadResult {
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false,
      error: new KgError(
        'NOT_UTF8',
        `invalid UTF-8 byte 0x${bytes[at.offset]?.toString(16).padStart(2, '0')}; save the file as UTF-8`,
        {
          file,
          line: at.line,
          col: at.col,
        },
      ),
    };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/**
 * Line and column (in UTF-16 units, like every other position) of the first byte that breaks UTF-8: the
 * first U+FFFD of the lenient decoding whose bytes are not a genuine, encoded U+FFFD.
 */
function firstInvalidUtf8(bytes: Buffer): { offset: number; line: number; col: number } {
  const text = bytes.toString('utf8');
  let offset = 0;
  let line = 1;
  let col = 1;
  for (const ch of text) {
    if (
      ch === '\ufffd' &&
      !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)
    )
      break;
    offset += Buffer.byteLength(ch);
    if (ch === '\n') {
      line++;
      col = 1;
    } else col += ch.length;
  }
  return { offset, line, col };
}
