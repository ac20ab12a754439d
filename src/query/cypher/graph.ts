import type { Procedure } from './procedures';
import { hashKey, makeNode, makeRel, type CNode, type CRel, type Value } from './values';

/**
 * The property graph Cypher sees: the Cypher nodes and relationships, each node holding its own
 * relationships (no graphology graph: the matcher only walks these), plus the indexes the matcher needs
 * (by label, by relationship type per node, and property indexes built the first time a query looks a
 * property up).
 */
export class PropertyGraph {
  readonly nodes: CNode[] = [];
  readonly rels: CRel[] = [];
  /** Procedures this graph offers beyond the built-in ones (the TCK's test procedures), by name. */
  readonly procedures = new Map<string, Procedure>();
  private readonly byLabel = new Map<string, CNode[]>();
  private readonly labels = new Map<string, { name: string; bit: number }>();
  private readonly typeIds = new Map<string, number>();
  private readonly propertyIndexes = new Map<string, Map<string, CNode[]>>();
  private nextId = 0;

  addNode(key: string | null, labels: string[], properties: Map<string, Value>): CNode {
    const id = this.nextId++;
    const canonical = [...new Set(labels.map((l) => this.canonicalLabel(l)))];
    const bits = canonical.reduce((b, l) => b | this.labelBit(l), 0);
    const node = makeNode(id, key ?? `_${id}`, canonical, bits, properties);
    this.nodes.push(node);
    for (const label of node.labels) this.labelList(label).push(node);
    this.propertyIndexes.clear();
    return node;
  }

  addRel(key: string | null, type: string, start: CNode, end: CNode, properties: Map<string, Value>): CRel {
    const id = this.nextId++;
    const rel = makeRel(id, key ?? `_${id}`, type, this.typeId(type), start, end, properties);
    this.rels.push(rel);
    start.out.push(rel);
    end.in.push(rel);
    (start.outByType[rel.typeId] ??= []).push(rel);
    (end.inByType[rel.typeId] ??= []).push(rel);
    return rel;
  }

  /** Removes a relationship (the setup-only DELETE). */
  removeRel(rel: CRel): void {
    // Already gone: a node's DETACH DELETE took it, or the query deletes it twice.
    if (!this.rels.includes(rel)) return;
    const drop = (list: CRel[] | undefined) => list?.splice(list.indexOf(rel), 1);
    drop(this.rels);
    drop(rel.start.out);
    drop(rel.end.in);
    drop(rel.start.outByType[rel.typeId]);
    drop(rel.end.inByType[rel.typeId]);
  }

  /** Removes a node and its relationships (the setup-only DETACH DELETE). */
  removeNode(node: CNode): void {
    if (!this.nodes.includes(node)) return;
    for (const r of [...node.out, ...node.in]) this.removeRel(r);
    this.nodes.splice(this.nodes.indexOf(node), 1);
    for (const label of node.labels) {
      const list = this.labelList(label);
      list.splice(list.indexOf(node), 1);
    }
    this.propertyIndexes.clear();
  }

  private labelList(label: string): CNode[] {
    let list = this.byLabel.get(label);
    if (!list) this.byLabel.set(label, (list = []));
    return list;
  }

  /**
   * The one string instance every node holds for a label, so testing a node's labels against it is
   * mostly a pointer comparison.
   */
  canonicalLabel(label: string): string {
    return this.label(label).name;
  }

  /**
   * A label's bit in CNode.labelBits: the first 30 labels the graph sees have one (a small integer
   * holds 30 bits and their union), later ones 0 and are tested by name.
   */
  labelBit(label: string): number {
    return this.label(label).bit;
  }

  private label(label: string): { name: string; bit: number } {
    let known = this.labels.get(label);
    if (known === undefined) {
      const n = this.labels.size;
      this.labels.set(label, (known = { name: label, bit: n < 30 ? 1 << n : 0 }));
    }
    return known;
  }

  /** A relationship type's number, so matching compares numbers, not names. */
  typeId(type: string): number {
    let id = this.typeIds.get(type);
    if (id === undefined) this.typeIds.set(type, (id = this.typeIds.size));
    return id;
  }

  /** The nodes with a label, in creation order. */
  withLabel(label: string): readonly CNode[] {
    return this.byLabel.get(label) ?? [];
  }

  /** The nodes with `label` (or any node, for null) whose `key` property is equivalent to `value`. */
  lookup(label: string | null, key: string, value: Value): readonly CNode[] {
    const name = `${label ?? ''}\u0000${key}`;
    let index = this.propertyIndexes.get(name);
    if (!index) {
      index = new Map();
      for (const node of label === null ? this.nodes : this.withLabel(label)) {
        const v = node.properties.get(key);
        if (v === undefined || v === null) continue;
        const h = hashKey(v);
        const list = index.get(h);
        if (list) list.push(node);
        else index.set(h, [node]);
      }
      this.propertyIndexes.set(name, index);
    }
    return index.get(hashKey(value)) ?? [];
  }
}
