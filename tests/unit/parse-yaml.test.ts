import fc from 'fast-check';
import { parseYaml } from '../../src/validate/parse-yaml';

describe('parseYaml', () => {
  test('locates values, keys, list items and missing paths', () => {
    const text =
      'entities:\n  - id: person:a\n    name: A\n  - id: person:b\n    aliases:\n      - B\n      - Bee\n';
    const r = parseYaml(text, 'f.yaml');
    if (!r.ok) throw new Error('expected a parse');
    expect(r.locator.at(['entities', 1, 'aliases', 1])).toEqual({ file: 'f.yaml', line: 7, col: 9 });
    expect(r.locator.at(['entities', 1, 'aliases'], 'key')).toEqual({ file: 'f.yaml', line: 5, col: 5 });
    expect(r.locator.at(['entities', 0, 'name'])).toEqual({ file: 'f.yaml', line: 3, col: 11 });
    // A field that is not there resolves to the map that lacks it.
    expect(r.locator.at(['entities', 0, 'kind'])).toEqual({ file: 'f.yaml', line: 2, col: 5 });
  });

  test('after an error the parser recovers from, positions stay on their own lines', () => {
    // The yaml package's own line counter skips the start of line 5 here (found by the hardening fuzz).
    const text =
      'documents:\n  - id: doc:other\n    date: 2025-08-22\n   *idage: &a xnb\n    path: sources/other.nb.txt\n';
    const r = parseYaml(text, 'f.yaml');
    const lines = text.split('\n');
    expect(r.ok).toBe(false);
    for (const e of r.ok ? [] : r.errors) expect(e.col! - 1).toBeLessThanOrEqual(lines[e.line! - 1]!.length);
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.line])).toContainEqual(['YAML_ALIAS', 5]);
  });

  test('a raw control character anywhere is YAML_SYNTAX at its own line and column', () => {
    const text = 'entities:\n  - id: person:a\n    name: "A b"\n    aliases: [A, Bee] # a comment\n';
    const control = fc.constantFrom(
      ...'\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u007f\u0080\u009f\ufffe\uffff',
    );
    fc.assert(
      fc.property(fc.nat(text.length - 1), control, (at, c) => {
        const r = parseYaml(text.slice(0, at) + c + text.slice(at), 'f.yaml');
        const line = text.slice(0, at).split('\n').length;
        const col = at - text.lastIndexOf('\n', at - 1);
        expect(r.ok ? [] : r.errors.map((e) => [e.code, e.line, e.col])).toEqual([
          ['YAML_SYNTAX', line, col],
        ]);
      }),
    );
  });

  test('an escaped lone surrogate is refused at its scalar; a whole pair is a character', () => {
    const lone = parseYaml('a: ["\\ud83d\\ude00", "x\\udfff"]\n', 'f.yaml');
    expect(lone.ok ? [] : lone.errors.map((e) => [e.code, e.line, e.col])).toEqual([['YAML_SYNTAX', 1, 21]]);
    const pair = parseYaml('a: "\\ud83d\\ude00"\n', 'f.yaml');
    expect(pair.ok && pair.value).toEqual({ a: '😀' });
  });

  test('a key without a value is located at its key', () => {
    const r = parseYaml('a:\n  b:\n', 'f.yaml');
    if (!r.ok) throw new Error('expected a parse');
    expect(r.value).toEqual({ a: { b: null } });
    expect(r.locator.at(['a', 'b'])).toEqual({ file: 'f.yaml', line: 2, col: 3 });
  });

  test('YAML 1.1 scalars keep their 1.2 core meaning, even under a %YAML 1.1 directive', () => {
    for (const prefix of ['', '%YAML 1.1\n---\n']) {
      const r = parseYaml(`${prefix}a: [no, NO, on, yes, 2025-08-21, 0o17, 1e3]\n`, 'f.yaml');
      if (!r.ok) throw new Error('expected a parse');
      expect(r.value).toEqual({ a: ['no', 'NO', 'on', 'yes', '2025-08-21', 15, 1000] });
    }
  });

  test('an alias bomb is refused without expanding anything', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const r = parseYaml(`${lines.join('\n')}\n`, 'bomb.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(new Set(r.errors.map((e) => e.code))).toEqual(new Set(['YAML_ALIAS']));
  });

  test('__proto__ and constructor keys are plain data, never a prototype', () => {
    const r = parseYaml(
      '__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n',
      'f.yaml',
    );
    if (!r.ok) throw new Error('expected a parse');
    expect(Object.hasOwn(r.value as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('fuzz: never throws, and every error position lies inside the text', () => {
    const yamlish = fc.stringMatching(/^[-a-z: \n\t"'[\]{},&*!|>#%@`0-9.]{0,120}$/);
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 120 })), (text) => {
        const r = parseYaml(text, 'fuzz.yaml');
        if (r.ok) return;
        const lines = text.split(/\r\n|\n/);
        for (const e of r.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines.length);
          expect(e.col).toBeGreaterThanOrEqual(1);
          expect(e.col! - 1).toBeLessThanOrEqual(lines[e.line! - 1]!.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
