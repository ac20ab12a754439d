import { KIND_COLORS, kindTextColor, type NodeKind } from '../../src/export/attributes';

/** WCAG contrast ratio of two relative luminances. */
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const s = parseInt(hex.slice(i, i + 2), 16) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

test('every kind has its own colour, and labels on it in whichever of black and white reads better', () => {
  const kinds = Object.keys(KIND_COLORS) as NodeKind[];
  expect(new Set(Object.values(KIND_COLORS)).size).toBe(kinds.length);
  for (const kind of kinds) {
    const fill = luminance(KIND_COLORS[kind]);
    const text = kindTextColor(kind);
    const other = text === '#000000' ? '#FFFFFF' : '#000000';
    expect(contrast(fill, luminance(text))).toBeGreaterThanOrEqual(contrast(fill, luminance(other)));
  }
  expect(kindTextColor('Issue')).toBe('#FFFFFF');
  expect(kindTextColor('Agreement')).toBe('#000000');
});
