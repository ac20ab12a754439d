/**
 * What XML 1.0 cannot carry, even as references (most C0 controls, NUL, U+FFFE/F, lone surrogates):
 * dropped.
 */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Markup characters, and line ends a parser would rewrite as line feeds as references: CR, and NEL and
 * LS, which XML 1.1 parsers (and xmldom, graphology's, on any XML) treat as line ends too. In an
 * attribute, tabs and line feeds too, which a parser reads as spaces.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\x85': '&#133;',
  '\u2028': '&#8232;',
};

const text = (value: string) => value.replace(NOT_XML, '').replace(/[&<>\r\x85\u2028]/g, (c) => ESCAPES[c]!);
const attribute = (value: string) =>
  value.replace(NOT_XML, '').replace(/[&<>"\t\n\r\x85\u2028]/g, (c) => ESCAPES[c]!);

type Attributes = Record<string, string>;

/**
 * A pretty-printed XML document (two spaces a level, an element with only text on one line, an empty
 * one self-closed: xmlbuilder2's layout, which these exports had) written as it is built, keeping only
 * the names of the open elements. xmlbuilder2's callback builder writes the same bytes, but makes a DOM
 * fragment for every element: 8× the CPU of building the whole DOM, about half an hour for the GraphML
 * of a million statements. `take()` hands over what was written since it was last called.
 */
export class XmlWriter {
  private written: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private readonly open: string[] = [];
  /** Whether the innermost open element has children yet, i.e. its start tag was closed with `>`. */
  private hasChildren = true;

  private startTag(name: string, attributes: Attributes): string {
    if (!this.hasChildren) this.written.push('>');
    this.hasChildren = true;
    let tag = `\n${'  '.repeat(this.open.length)}<${name}`;
    for (const [key, value] of Object.entries(attributes)) tag += ` ${key}="${attribute(value)}"`;
    return tag;
  }

  /** Opens an element; what follows goes into it until close(). */
  element(name: string, attributes: Attributes = {}): this {
    this.written.push(this.startTag(name, attributes));
    this.open.push(name);
    this.hasChildren = false;
    return this;
  }

  /** An element with only text in it (`<name>text</name>`), or nothing (`<name/>`). */
  leaf(name: string, attributes: Attributes = {}, content = ''): this {
    const tag = this.startTag(name, attributes);
    const escaped = text(content);
    this.written.push(escaped ? `${tag}>${escaped}</${name}>` : `${tag}/>`);
    return this;
  }

  /** Closes the innermost open element. */
  close(): this {
    const name = this.open.pop()!;
    this.written.push(this.hasChildren ? `\n${'  '.repeat(this.open.length)}</${name}>` : '/>');
    this.hasChildren = true;
    return this;
  }

  take(): string {
    const taken = this.written.join('');
    this.written = [];
    return taken;
  }

  /** Closes every open element; the rest of the document, with a final line feed. */
  end(): string {
    while (this.open.length > 0) this.close();
    return `${this.take()}\n`;
  }
}
