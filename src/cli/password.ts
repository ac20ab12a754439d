import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { KgError } from '../errors';

/** The first line of standard input, for `--password-stdin` (`secret-tool lookup ... | kg ...`). */
export async function readPasswordFromStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new KgError('USAGE', '--password-stdin: standard input holds no password');
  return password;
}

/** True when a person can be asked: standard input and error are a terminal. */
export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/**
 * Asks for a secret on the terminal: the prompt on stderr, the typing not echoed (readline echoes to
 * an output that swallows it). Ctrl-C stops the command as it does anywhere else.
 */
export async function promptSecret(prompt: string): Promise<string> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  rl.on('SIGINT', () => {
    rl.close();
    process.kill(process.pid, 'SIGINT');
  });
  process.stderr.write(prompt);
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
