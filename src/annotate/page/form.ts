/// <reference lib="dom" />
// A record's form, made from the schema's fields: each field an input of its kind with the schema's
// description as help, and a place beside it for the validator's problems about it.
import type { FieldSpec } from '../form-schema';
import type { Problem } from '../workspace';

export interface Choice {
  value: string;
  label: string;
  /** Offered first (an alias of it is in the selected sentence). */
  near?: boolean;
}

export interface FormField {
  spec: FieldSpec;
  row: HTMLElement;
  read: () => unknown;
  write: (value: unknown) => void;
  /** Replaces the choices of a picker (entity, object, predicate, statement). */
  choices?: (list: Choice[]) => void;
}

export class RecordForm {
  readonly element = document.createElement('form');
  readonly fields = new Map<string, FormField>();
  private readonly general = document.createElement('div');

  /** `name` prefixes the ids of the inputs: `field-quote` in the statement form. */
  constructor(name: string, specs: FieldSpec[], onInput: (field: string) => void) {
    this.element.className = 'record-form';
    this.element.addEventListener('submit', (e) => e.preventDefault());
    this.general.className = 'problems';
    for (const spec of specs) {
      const field = makeField(name, spec);
      this.fields.set(spec.name, field);
      field.row.addEventListener('input', () => onInput(spec.name));
      field.row.addEventListener('change', () => onInput(spec.name));
      this.element.append(field.row);
    }
    this.element.append(this.general);
  }

  /** The record: the fields with a value, in the schema's order. */
  read(): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    for (const [name, field] of this.fields) {
      const value = field.read();
      if (value !== undefined) record[name] = value;
    }
    return record;
  }

  write(record: Record<string, unknown>): void {
    for (const [name, field] of this.fields) field.write(record[name]);
  }

  /** Shows each problem beside its field, the rest below the form. */
  showProblems(problems: Problem[]): void {
    for (const field of this.fields.values()) {
      field.row.classList.remove('has-problem');
      field.row.querySelector('.problems')!.replaceChildren();
    }
    this.general.replaceChildren();
    for (const p of problems) {
      const field = p.field === undefined ? undefined : this.fields.get(p.field);
      const line = document.createElement('div');
      line.className = `problem ${p.severity}`;
      line.textContent = `${p.code} ${p.message}`;
      if (field) {
        field.row.classList.add('has-problem');
        field.row.querySelector('.problems')!.append(line);
      } else this.general.append(line);
    }
  }
}

function makeField(form: string, spec: FieldSpec): FormField {
  const row = document.createElement('div');
  row.className = `field field-${spec.input}`;
  row.dataset.field = spec.name;
  const label = document.createElement('label');
  const id = `${form}-${spec.name}`;
  label.htmlFor = id;
  label.textContent = spec.name + (spec.required ? ' *' : '');
  const help = document.createElement('div');
  help.className = 'help';
  help.textContent = spec.description;
  const problems = document.createElement('div');
  problems.className = 'problems';
  const done = (control: HTMLElement, parts: Omit<FormField, 'spec' | 'row'>): FormField => {
    control.id = id;
    row.append(label, control, problems, help);
    return { spec, row, ...parts };
  };
  switch (spec.input) {
    case 'entity':
    case 'object':
    case 'predicate':
    case 'statement':
      return picker(id, done);
    case 'choice':
    case 'boolean': {
      const select = document.createElement('select');
      const values = spec.input === 'boolean' ? ['true', 'false'] : (spec.options ?? []);
      select.append(new Option('', ''), ...values.map((v) => new Option(v, v)));
      return done(select, {
        read: () =>
          select.value === '' ? undefined : spec.input === 'boolean' ? select.value === 'true' : select.value,
        write: (v) => void (select.value = v === undefined ? '' : String(v)),
      });
    }
    case 'texts':
    case 'json': {
      const area = document.createElement('textarea');
      area.rows = 2;
      area.placeholder = spec.input === 'texts' ? 'one a line' : 'JSON';
      return done(area, {
        read: () => {
          const text = area.value.trim();
          if (text === '') return undefined;
          if (spec.input === 'texts')
            return text
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean);
          try {
            return JSON.parse(text) as unknown;
          } catch {
            return text;
          }
        },
        write: (v) =>
          void (area.value =
            v === undefined
              ? ''
              : spec.input === 'texts' && Array.isArray(v)
                ? v.join('\n')
                : JSON.stringify(v)),
      });
    }
    default: {
      const input = document.createElement('input');
      input.type = 'text';
      if (spec.input === 'ids') input.placeholder = 'ids, separated by commas';
      return done(input, {
        read: () => {
          const text = input.value.trim();
          if (text === '') return undefined;
          if (spec.input !== 'ids') return text === input.value ? text : input.value;
          const ids = text
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          return ids.length === 1 ? ids[0] : ids;
        },
        write: (v) => void (input.value = v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v)),
      });
    }
  }
}

/** A select with a search box: the choices whose label has the searched words. */
function picker(
  id: string,
  done: (control: HTMLElement, parts: Omit<FormField, 'spec' | 'row'>) => FormField,
): FormField {
  const box = document.createElement('div');
  box.className = 'picker';
  const search = document.createElement('input');
  search.type = 'search';
  search.placeholder = 'search by name or alias';
  search.className = 'picker-search';
  const select = document.createElement('select');
  let all: Choice[] = [];
  let wanted = '';
  const fill = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = all.filter(
      (c) => c.value === wanted || words.every((w) => `${c.value} ${c.label}`.toLowerCase().includes(w)),
    );
    select.replaceChildren(
      new Option('', ''),
      ...shown.map((c) => new Option(`${c.near ? '★ ' : ''}${c.label}`, c.value, false, c.value === wanted)),
    );
    if (wanted !== '' && !shown.some((c) => c.value === wanted))
      select.append(new Option(wanted, wanted, false, true));
    select.value = wanted;
  };
  search.addEventListener('input', fill);
  // Before the row hears the event: a refill of the choices then keeps what was picked.
  for (const type of ['input', 'change']) select.addEventListener(type, () => (wanted = select.value));
  box.append(search, select);
  const field = done(box, {
    read: () => (select.value === '' ? undefined : select.value),
    write: (v) => {
      wanted = v === undefined ? '' : String(v);
      fill();
    },
    choices: (list) => {
      all = list;
      fill();
    },
  });
  select.id = id;
  box.id = '';
  return field;
}
