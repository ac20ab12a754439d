import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers';

const READERS = join(ROOT, 'scripts', 'readers');

interface Installed {
  /** The Gephi toolkit's classpath. */
  gephi: string;
  /** The virtual environment's python, with networkx, igraph, pydot, rdflib and pyoxigraph. */
  python: string;
}

let installed: Installed | Error | undefined;

/**
 * Fetches the readers with scripts/readers/setup.sh (Maven and pip, once a checkout; a minute or two on a
 * new machine). A failure is kept: every test that needs them then fails with its reason, never skips.
 */
export function setUpReaders(): void {
  if (installed === undefined) {
    const r = spawnSync('bash', [join(READERS, 'setup.sh')], { encoding: 'utf8' });
    const [gephi, python] = r.stdout.trim().split('\n');
    installed =
      r.status === 0 && gephi && python
        ? { gephi, python }
        : new Error(`the desktop readers could not be set up (scripts/readers/setup.sh): ${r.stderr.trim()}`);
  }
}

function readers(): Installed {
  setUpReaders();
  if (installed instanceof Error) throw installed;
  return installed!;
}

function run(command: string, args: string[], what: string): unknown {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(r.stdout) as unknown;
}

/** A column of Gephi's node or edge table, with its Java type (`String`, `Integer`, `int`, `String[]`). */
export interface GephiColumn {
  id: string;
  title: string;
  type: string;
  /** Gephi's own columns (id, label, timeset, weight), not data. */
  property: boolean;
}

/** What Gephi's workspace holds after File > Open with the default settings (scripts/readers/gephi). */
export interface GephiWorkspace {
  file: string;
  /** The importer Gephi picks for the file's extension; null when it has none. */
  importer: string | null;
  issues: { level: 'INFO' | 'WARNING' | 'SEVERE' | 'CRITICAL'; message: string }[];
  title: string;
  description: string;
  nodeCount: number;
  edgeCount: number;
  edgeTypeCount: number;
  nodeColumns: GephiColumn[];
  edgeColumns: GephiColumn[];
  nodes: {
    id: string;
    label: string | null;
    x: number;
    y: number;
    size: number;
    color: string;
    attributes: Record<string, unknown>;
  }[];
  edges: {
    id: string;
    source: string;
    target: string;
    label: string | null;
    kind: string | null;
    weight: number;
    /** A weight that changes over time, as Gephi prints its map: `<[start, end, value]; ...>` (ms since 1970). */
    weights?: string;
    directed: boolean;
    attributes: Record<string, unknown>;
  }[];
}

/** Opens the files in the Gephi toolkit, each in a fresh project, in one JVM. */
export function gephi(files: string[]): GephiWorkspace[] {
  const classpath = readers().gephi;
  const program = join(READERS, 'gephi', 'GephiRead.java');
  return run(
    'java',
    ['-Djava.awt.headless=true', '-cp', classpath, program, ...files],
    'the Gephi toolkit',
  ) as GephiWorkspace[];
}

/** A value as a Python reader found it: its Python type's name and its value as JSON. */
export interface PyValue {
  type: string;
  value: unknown;
}
export type PyAttributes = Record<string, PyValue>;

/** What networkx read (scripts/readers/networkx_read.py). */
export interface NetworkxGraph {
  directed: boolean;
  multigraph: boolean;
  graph: PyAttributes;
  nodes: Record<string, PyAttributes>;
  edges: { source: string; target: string; attributes: PyAttributes }[];
}

export function networkx(format: 'graphml' | 'gexf' | 'cytoscape' | 'dot', file: string): NetworkxGraph {
  const script = join(READERS, 'networkx_read.py');
  return run(readers().python, [script, format, file], `networkx (${format})`) as NetworkxGraph;
}

/** What python-igraph's Graph.Read_GraphML read (scripts/readers/igraph_read.py). */
export interface IgraphGraph {
  directed: boolean;
  graph: PyAttributes;
  vertices: PyAttributes[];
  edges: { source: number; target: number; attributes: PyAttributes }[];
}

export function igraph(file: string): IgraphGraph {
  return run(readers().python, [join(READERS, 'igraph_read.py'), file], 'python-igraph') as IgraphGraph;
}

interface RdfCounts {
  turtle: number;
  jsonld: number;
  statements: number;
  isomorphic: boolean;
}

/** rdflib's and pyoxigraph's reading of the Turtle and the JSON-LD (scripts/readers/rdf_read.py). */
export function rdf(turtle: string, jsonld: string): { rdflib: RdfCounts; pyoxigraph: RdfCounts } {
  return run(readers().python, [join(READERS, 'rdf_read.py'), turtle, jsonld], 'rdflib/pyoxigraph') as {
    rdflib: RdfCounts;
    pyoxigraph: RdfCounts;
  };
}

/** What yEd would show (scripts/readers/yed_read.py): each node's and edge's yFiles label, fill, place. */
export interface YedGraph {
  nodes: Record<string, { label: string | null; fill: string | null; x: number; y: number }>;
  edges: Record<string, { label: string | null; source: string; target: string }>;
}

export function yed(file: string): YedGraph {
  return run(readers().python, [join(READERS, 'yed_read.py'), file], 'the yEd-like reader') as YedGraph;
}
