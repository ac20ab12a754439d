import { readFile, stat } from 'node:fs/promises';
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

/** A file's bytes, unless it is over the size limit; throws FILE_UNREADABLE. */
export async function readBytes(
  file: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: KgError }> {
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
      return {
        ok: false,
        error: new KgError('FILE_TOO_LARGE', `file is ${mb(size)}, over the limit of ${mb(maxBytes)}`, {
          file,
        }),
      };
    }
    return { ok: true, bytes: await readFile(file) };
  } catch (cause) {
    throw new KgError(
      'FILE_UNREADABLE',
      `cannot read ${file}: ${(cause as Error).message}`,
      { file },
      { cause },
    );
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
