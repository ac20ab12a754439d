/**
 * The annotation form's fields, read from the schema (the single source of truth): each field of a
 * statement or an entity kind with its description as help, and the kind of input it takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITY_KINDS, PREDICATES } from '../model/generated';
import { SCHEMA_DIR } from '../model/schema-dir';

export type FieldInput =
  | 'entity'
  | 'object'
  | 'statement'
  | 'predicate'
  | 'text'
  | 'choice'
  | 'boolean'
  | 'ids'
  | 'texts'
  | 'edtf'
  | 'json';

export interface FieldSpec {
  name: string;
  description: string;
  input: FieldInput;
  required: boolean;
  /** The values of a choice. */
  options?: string[];
  /** The kinds an `ids` field may name. */
  refKinds?: string[];
}

export interface FormSchema {
  statement: FieldSpec[];
  /** Each kind's fields, the common ones first. */
  entity: Record<string, FieldSpec[]>;
  predicates: typeof PREDICATES;
  kinds: typeof ENTITY_KINDS;
}

interface SchemaNode {
  $ref?: string;
  enum?: string[];
  type?: string;
  description?: string;
  items?: SchemaNode;
  refKinds?: string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
}

const read = (file: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as SchemaNode;

function input(name: string, node: SchemaNode): FieldInput {
  const def = node.$ref?.split('/').pop();
  if (name === 'id') return 'text';
  if (name === 'predicate') return 'predicate';
  if (node.enum) return 'choice';
  if (node.type === 'boolean') return 'boolean';
  if (def === 'entityId') return 'entity';
  if (def === 'objectId') return 'object';
  if (def === 'statementId') return 'statement';
  if (def === 'idList') return 'ids';
  if (def === 'edtf' || def === 'date') return 'edtf';
  if (node.type === 'array') return node.items?.$ref?.endsWith('/text') ? 'texts' : 'json';
  return 'text';
}

function fields(schema: SchemaNode, skip: readonly string[] = []): FieldSpec[] {
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, node]) => ({
      name,
      description: node.description ?? '',
      input: input(name, node),
      required: schema.required?.includes(name) ?? false,
      ...(node.enum ? { options: node.enum } : {}),
      ...(node.refKinds ? { refKinds: node.refKinds } : {}),
    }));
}

let cached: FormSchema | undefined;

export function formSchema(): FormSchema {
  if (cached) return cached;
  const entity = read('entity.schema.json');
  const common = fields(entity);
  const kinds = Object.fromEntries(
    Object.keys(ENTITY_KINDS).map((kind) => {
      const own = read(`kinds/${kind.toLowerCase()}.schema.json`);
      return [kind, [...common, ...fields(own, ['id', 'kind'])]];
    }),
  );
  cached = {
    statement: fields(read('statement.schema.json')),
    entity: kinds,
    predicates: PREDICATES,
    kinds: ENTITY_KINDS,
  };
  return cached;
}

/** The order of a record's fields: the schema's. */
export function fieldOrder(section: 'statements' | 'entities'): string[] {
  const schema = formSchema();
  if (section === 'statements') return schema.statement.map((f) => f.name);
  return [...new Set(Object.values(schema.entity).flatMap((list) => list.map((f) => f.name)))];
}
