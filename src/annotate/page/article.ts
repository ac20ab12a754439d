/// <reference lib="dom" />
// The article: its text with every quoted span highlighted (overlaps darker), the sentences no statement
// quotes marked, and a mouse selection turned into offsets of the text.
import type { DocumentView, Snapshot } from '../workspace';

export interface Span {
  start: number;
  end: number;
}

type StatementView = Snapshot['statements'][number];

/** Renders the text as runs that each lie under the same highlights; each run knows its offset. */
export function renderArticle(
  container: HTMLElement,
  doc: DocumentView,
  statements: StatementView[],
  onPick: (ids: string[]) => void,
  current: string | undefined,
): void {
  const spans = statements.filter((s) => s.span).map((s) => ({ id: s.id, ...s.span! }));
  const uncovered = doc.sentences.filter((s) => !s.heading && s.statements.length === 0);
  const cuts = new Set([0, doc.text.length]);
  for (const s of [...spans, ...uncovered]) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  container.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const run = document.createElement('span');
    run.dataset.start = String(start);
    run.textContent = doc.text.slice(start, end);
    const over = spans.filter((s) => s.start < end && s.end > start);
    if (over.length > 0) {
      run.className = `hl hl${Math.min(over.length, 3)}`;
      if (over.some((s) => s.id === current)) run.classList.add('current');
      run.dataset.statements = over.map((s) => s.id).join(' ');
      run.title = over.map((s) => s.id).join('\n');
      run.addEventListener('click', () => {
        if (window.getSelection()?.isCollapsed !== false) onPick(over.map((s) => s.id));
      });
    }
    if (uncovered.some((s) => s.start < end && s.end > start)) run.classList.add('uncovered');
    container.append(run);
  }
}

/** The offset in the text of a point of a selection inside the article. */
function offsetOf(container: HTMLElement, node: Node, offset: number): number | undefined {
  if (node === container) {
    const run = container.childNodes[offset] as HTMLElement | undefined;
    return run ? Number(run.dataset.start) : (container.textContent ?? '').length;
  }
  const run = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement);
  if (!run || run.parentElement !== container || run.dataset.start === undefined) return undefined;
  return Number(run.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
}

const WORD = /[\p{L}\p{N}\p{M}'’-]/u;

/**
 * The selection as a span of the text, snapped to it: whitespace at either end dropped, a word cut in
 * two taken whole. What is quoted is then exactly a slice of the text (NFC, as the validator compares).
 */
export function selectedSpan(container: HTMLElement, text: string): Span | undefined {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return undefined;
  let start = offsetOf(container, range.startContainer, range.startOffset);
  let end = offsetOf(container, range.endContainer, range.endOffset);
  if (start === undefined || end === undefined) return undefined;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (start === end) return undefined;
  while (start > 0 && WORD.test(text[start - 1]!) && WORD.test(text[start]!)) start--;
  while (end < text.length && WORD.test(text[end]!) && WORD.test(text[end - 1]!)) end++;
  return { start, end };
}
