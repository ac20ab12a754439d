import pc from 'picocolors';
import type { KgError } from '../errors';
import { formatProblem, problemsJson } from './output';

/**
 * Where a command's output goes. People get text on stdout and problems on stderr; scripts with
 * --json get exactly one JSON object on stdout (problems included) and nothing else; --quiet keeps
 * only the problems.
 */
class Reporter {
  json = false;
  quiet = false;
  private readonly collected: KgError[] = [];

  configure(options: { json?: boolean; quiet?: boolean }): void {
    this.json = options.json === true;
    this.quiet = options.quiet === true;
  }

  /** Human text, for people only. */
  say(text: string): void {
    if (!this.json && !this.quiet) console.log(text);
  }

  /** Problems (errors and warnings): on stderr for people, in the JSON result for scripts. */
  problems(list: readonly KgError[]): void {
    // Not push(...list): hundreds of thousands of problems overflow the stack.
    if (this.json) for (const p of list) this.collected.push(p);
    else printProblems(list, console.error);
  }

  /** The command's result; with --json printed as the one JSON object, with the problems collected. */
  result(result: Record<string, unknown>): void {
    if (!this.json) return;
    const problems = problemsJson(this.collected);
    console.log(JSON.stringify({ ...result, ...(problems.length ? { problems } : {}) }, null, 2));
  }

  /** A command that stopped on an error: one line for people, `{ ok: false, error }` for scripts. */
  failure(error: KgError, extra: string | undefined): void {
    if (this.json) {
      this.result({ ok: false, error: { ...problemsJson([error])[0]!, exitCode: error.exitCode } });
      return;
    }
    console.error(pc.red(formatProblem(error, false)));
    if (extra) console.error(extra);
  }
}

export const reporter = new Reporter();

/** Problems, a line each: a write a thousand lines, where one each took seconds for 400,000 problems. */
export function printProblems(list: readonly KgError[], print: (text: string) => void): void {
  for (let i = 0; i < list.length; i += 1000)
    print(
      list
        .slice(i, i + 1000)
        .map((p) => formatProblem(p, pc.isColorSupported))
        .join('\n'),
    );
}
