/** Letters NFKD does not take apart into a base letter and marks. */
const LATIN: Record<string, string> = {
  æ: 'ae',
  ø: 'o',
  å: 'a',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
};

/**
 * The kebab-case slug of a name, as ids take it: `Christine Todd Whitman` → `christine-todd-whitman`,
 * `Støre` → `store`; at most `max` characters, cut at a hyphen where it can be. Empty when the name has
 * no Latin letter or digit.
 */
export function slug(name: string, max: number): string {
  const ascii = name
    .toLowerCase()
    .replace(/[æøåßđłœþð]/g, (c) => LATIN[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  const whole = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (whole.length <= max) return whole;
  const cut = whole.slice(0, max + 1);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 0 ? cut.slice(0, hyphen) : whole.slice(0, max)).replace(/-+$/, '');
}

/**
 * Gives each name an id `prefix` + its slug, unique among those this has given: a later name whose slug
 * is taken gets `-2`, `-3`, ... (so the same names in the same order always get the same ids), a name
 * without a slug `fallback`.
 */
export class IdMaker {
  private readonly taken = new Set<string>();

  constructor(
    private readonly prefix: string,
    private readonly maxLength: number,
  ) {}

  make(name: string, fallback: string): string {
    const base = slug(name, this.maxLength - this.prefix.length - 4) || fallback;
    let id = this.prefix + base;
    for (let n = 2; this.taken.has(id); n++) id = `${this.prefix}${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}
