import fc from 'fast-check';
import { asciiJson } from '../../src/validate/cache';

/** Strings of any UTF-16 code units, lone surrogates included. */
const anyCodeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
});

describe('asciiJson (what cache entries and worker results are written as)', () => {
  it('is ASCII text that parses back to the value JSON.stringify gives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), anyCodeUnits, (value, text, units) => {
        for (const v of [value, { text, units, value }]) {
          const json = asciiJson(v);
          expect([...json].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
          expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('escapes each UTF-16 code unit past ASCII, surrogates included', () => {
    expect(asciiJson({ q: 'Støre: «nei» 😀' })).toBe('{"q":"St\\u00f8re: \\u00abnei\\u00bb \\ud83d\\ude00"}');
    expect(asciiJson('\x7f')).toBe('"\x7f"');
  });
});
