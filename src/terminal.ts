/**
 * Text bound for a terminal, made inert: control characters (C0, DEL, C1: escape sequences that clear
 * the screen or recolour it, line breaks that would fake another line of output) and the invisible
 * marks that reorder text (bidirectional overrides) are shown as escapes (`\n`, `\x1b`, `\u202e`).
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = c.charCodeAt(0);
    return (
      named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
    );
  });
}
