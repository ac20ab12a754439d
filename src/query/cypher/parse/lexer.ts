/** The tokens of a Cypher query: names, quoted names, strings, numbers, parameters and operators. */
import { CypherFault } from '../errors';

type TokenType = 'ident' | 'qident' | 'string' | 'int' | 'float' | 'param' | 'op' | 'eof';

export interface Token {
  type: TokenType;
  /** The identifier, operator or parameter name, the string's value, or the number's text. */
  text: string;
  at: number;
  end: number;
}

const OPERATORS = [
  '..',
  '||',
  '<>',
  '!=',
  '<=',
  '>=',
  '=~',
  '+=',
  '->',
  '<-',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '|',
  '&',
  '!',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  ';',
  '$',
];

export function syntax(message: string, at: number): CypherFault {
  return new CypherFault('CYPHER_SYNTAX', message, at);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw syntax('unclosed comment', i);
      i = close + 2;
      continue;
    }
    const at = i;
    if (/[A-Za-z_\u00C0-\uFFFF]/.test(c)) {
      while (i < n && /[\w\u00C0-\uFFFF]/.test(text[i]!)) i++;
      tokens.push({ type: 'ident', text: text.slice(at, i), at, end: i });
      continue;
    }
    if (c === '`') {
      let name = '';
      i++;
      for (;;) {
        if (i >= n) throw syntax('unclosed `quoted name`', at);
        if (text[i] === '`') {
          if (text[i + 1] === '`') {
            name += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i++];
      }
      tokens.push({ type: 'qident', text: name, at, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw syntax('unclosed string', at);
        const d = text[i]!;
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = text[i + 1];
          const simple: Record<string, string> = {
            '\\': '\\',
            "'": "'",
            '"': '"',
            n: '\n',
            t: '\t',
            r: '\r',
            b: '\b',
            f: '\f',
          };
          if (e !== undefined && Object.hasOwn(simple, e)) {
            value += simple[e];
            i += 2;
          } else if (e === 'u' || e === 'U') {
            const len = e === 'u' ? 4 : 8;
            const hex = text.slice(i + 2, i + 2 + len);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw syntax('bad unicode escape', i);
            value += String.fromCodePoint(parseInt(hex, 16));
            i += 2 + len;
          } else throw syntax(`bad escape \\${e ?? ''}`, i);
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ type: 'string', text: value, at, end: i });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const rest = text.slice(i);
      const m =
        /^0x[0-9A-Fa-f]+/.exec(rest) ??
        /^0o[0-7]+/.exec(rest) ??
        /^(\d+\.\d+|\.\d+|\d+)([eE][-+]?\d+)?/.exec(rest);
      if (!m) throw syntax('bad number', at);
      i += m[0].length;
      if (/^[A-Za-z_]/.test(text[i] ?? '')) throw syntax(`invalid number ${text.slice(at, i + 1)}`, at);
      const float = !/^0[xo]/.test(m[0]) && /[.eE]/.test(m[0]);
      tokens.push({ type: float ? 'float' : 'int', text: m[0], at, end: i });
      continue;
    }
    if (c === '$') {
      i++;
      let name: string;
      if (text[i] === '`') {
        const close = text.indexOf('`', i + 1);
        if (close < 0) throw syntax('unclosed `quoted name`', i);
        name = text.slice(i + 1, close);
        i = close + 1;
      } else {
        const m = /^[\w\u00C0-\uFFFF]+/.exec(text.slice(i));
        if (!m) throw syntax('a parameter name must follow $', at);
        name = m[0];
        i += name.length;
      }
      tokens.push({ type: 'param', text: name, at, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw syntax(`unexpected character ${JSON.stringify(c)}`, at);
    i += op.length;
    tokens.push({ type: 'op', text: op, at, end: i });
  }
  tokens.push({ type: 'eof', text: '', at: n, end: n });
  return tokens;
}
