/// <reference lib="dom" />
// kg annotate's page: the article, the statement form, the statement list, the mention list, the diff.
import type { FormSchema } from '../form-schema';
import type { Problem, Snapshot } from '../workspace';
import { api, isRefusal, type Answer } from './api';
import { renderArticle, selectedSpan, type Span } from './article';
import { RecordForm, type Choice } from './form';

/** An element with its properties (className, onclick, ...) and children. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node: HTMLElementTagNameMap[K] = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

let schema: FormSchema;
let state: Snapshot;
let documentId = '';
/** The statement or entity being edited (undefined: a new one). */
let editing: string | undefined;
let selection: Span | undefined;
let idEdited = false;
let checkTimer: number | undefined;
/** The last check asked for: the answer of an earlier one, come late, is not shown. */
let checkNumber = 0;

const status = el('span', { id: 'status', role: 'status' });
const docSelect = el('select', { id: 'document' });
const article = el('article', { id: 'article', lang: 'nb' });
const list = el('ol', { id: 'statement-list' });
const mentionList = el('div', { id: 'mentions' });
const formTitle = el('h2', { id: 'form-title' }, 'New statement');
const draft = el('input', { type: 'checkbox', id: 'draft' });
const saveButton = el('button', { id: 'save', type: 'button' }, 'Save');
const deleteButton = el('button', { id: 'delete', type: 'button' }, 'Delete');
const newButton = el('button', { id: 'new', type: 'button' }, 'New');
const diffDialog = el('dialog', { id: 'diff-dialog' });
let form: RecordForm;
const entityPanel = el('details', { id: 'new-entity' });
let entityForm: RecordForm;
/** The entity being edited in the entity form (undefined: a new one). */
let editingEntity: string | undefined;
const entityPick = el('select', { id: 'entity-pick' });
const entitySave = el('button', { type: 'button', id: 'create-entity' }, 'Add entity');
const entityDelete = el('button', { type: 'button', id: 'delete-entity', hidden: true }, 'Delete entity');

function say(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.className = kind;
}

async function load(): Promise<void> {
  const answer = await api.state();
  if (isRefusal(answer.body)) return say(`${answer.body.error.code} ${answer.body.error.message}`, 'error');
  state = answer.body;
  if (!state.documents.some((d) => d.id === documentId)) documentId = state.documents[0]?.id ?? '';
  docSelect.replaceChildren(
    ...state.documents.map((d) => new Option(`${d.id} · ${d.title}`, d.id, false, d.id === documentId)),
  );
  (document.getElementById('undo') as HTMLButtonElement).disabled = !state.canUndo;
  entityPick.replaceChildren(
    new Option('(a new entity)', ''),
    ...state.entities.map(
      (e) => new Option(`${String(e.record.name)} (${e.id})`, e.id, false, e.id === editingEntity),
    ),
  );
  (document.getElementById('diff') as HTMLButtonElement).textContent = `Diff (${state.changed.length})`;
  draw();
}

const doc = () => state.documents.find((d) => d.id === documentId);
const docStatements = () =>
  state.statements
    .filter((s) => s.document === documentId)
    .sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity));

function draw(): void {
  const d = doc();
  if (!d) {
    article.textContent = 'No document: kg new document FILE.txt adds one.';
    return;
  }
  article.lang = d.language;
  renderArticle(article, d, docStatements(), (ids) => edit(ids[0]!), editing);
  list.replaceChildren(
    ...docStatements().map((s) =>
      el(
        'li',
        {
          className: `${s.id === editing ? 'current' : ''}${s.problems.length ? ' has-problem' : ''}`,
          onclick: () => edit(s.id),
          title: s.problems.map((p) => `${p.code} ${p.message}`).join('\n'),
        },
        el('code', {}, s.id),
        ' ',
        el('span', { className: 'quote' }, String(s.record.quote ?? '')),
      ),
    ),
  );
  mentionList.replaceChildren(
    el('h3', {}, 'Mentioned entities'),
    ...d.mentions.map((m) => el('span', { className: 'mention', title: m.forms.join(', ') }, m.id)),
  );
  offerChoices();
}

/** The entities (and, where the predicate takes claims, statements) each picker may offer. */
function offerChoices(): void {
  const predicate = String(form.fields.get('predicate')!.read() ?? '');
  const rule = (
    schema.predicates as Record<string, { subjectKinds: readonly string[]; objectKinds: readonly string[] }>
  )[predicate];
  const sentence = selectedSentence();
  const entities = (kinds: readonly string[] | undefined) =>
    state.entities
      .filter((e) => !kinds || kinds.includes(String(e.record.kind)))
      .map((e): Choice => {
        const forms = [String(e.record.name), ...((e.record.aliases as string[] | undefined) ?? [])];
        return {
          value: e.id,
          label: `${String(e.record.name)} (${e.id}) ${forms.join(' ')}`,
          near: sentence !== undefined && forms.some((f) => f.length > 1 && sentence.includes(f)),
        };
      })
      .sort((a, b) => Number(b.near) - Number(a.near) || a.label.localeCompare(b.label));
  const statements = state.statements.map((s): Choice => ({
    value: s.id,
    label: `${s.id} ${String(s.record.quote ?? '')}`,
  }));
  form.fields.get('subject')!.choices!(entities(rule?.subjectKinds));
  const objectKinds = rule?.objectKinds;
  form.fields.get('object')!.choices!([
    ...entities(objectKinds?.filter((k) => k !== 'Statement')),
    ...(!objectKinds || objectKinds.includes('Statement') ? statements : []),
  ]);
  // The other references (conditionOn, onBehalfOf, ...): the kinds the schema gives them.
  for (const [name, field] of form.fields) {
    if (name === 'subject' || name === 'object') continue;
    if (field.spec.input === 'statement') field.choices!(statements);
    else if (field.spec.input === 'entity') field.choices!(entities(field.spec.refKinds));
  }
  form.fields.get('predicate')!.choices!(
    Object.entries(schema.predicates).map(([name, p]) => ({
      value: name,
      label: `${name} — ${p.description}`,
    })),
  );
}

function selectedSentence(): string | undefined {
  const d = doc();
  const at =
    selection?.start ?? (editing ? state.statements.find((s) => s.id === editing)?.span?.start : undefined);
  if (!d || at === undefined) return undefined;
  return d.sentences.find((s) => s.start <= at && at < s.end)?.text;
}

function edit(id: string): void {
  const s = state.statements.find((x) => x.id === id);
  if (!s) return;
  editing = id;
  selection = undefined;
  idEdited = true;
  formTitle.textContent = `Edit ${id}`;
  form.write(s.record);
  deleteButton.hidden = false;
  // What kg validate says of it now, each problem at its field.
  form.showProblems(s.problems);
  draw();
}

function startNew(span?: Span): void {
  editing = undefined;
  idEdited = false;
  formTitle.textContent = 'New statement';
  deleteButton.hidden = true;
  const keep = form.read();
  form.write({ predicate: keep.predicate, subject: keep.subject });
  if (span) {
    selection = span;
    form.fields.get('quote')!.write(doc()!.text.slice(span.start, span.end));
    (entityForm.fields.get('aliases')!.write as (v: unknown) => void)([
      doc()!.text.slice(span.start, span.end),
    ]);
  }
  form.showProblems([]);
  proposeId();
  draw();
}

const slug = (id: string) => id.slice(id.indexOf(':') + 1);

/** s:SUBJECT-PREDICATE-OBJECT, from the picked ids, until the annotator types an id. */
function proposeId(): void {
  if (idEdited) return;
  const r = form.read();
  const parts = [r.subject, r.predicate, r.object].filter((v): v is string => typeof v === 'string');
  const id = parts.map((p) => (p === r.predicate ? p.toLowerCase().replace(/_/g, '-') : slug(p))).join('-');
  form.fields.get('id')!.write(id ? `s:${id}` : undefined);
}

function request(check: boolean) {
  const record = form.read();
  return {
    record,
    versions: state.files,
    check,
    draft: draft.checked,
    ...(editing === undefined ? { document: documentId, at: selection?.start ?? 0 } : {}),
  };
}

/** Checks the form as it is typed, with the validator of `kg validate`. */
function scheduleCheck(): void {
  window.clearTimeout(checkTimer);
  checkTimer = window.setTimeout(() => {
    const number = ++checkNumber;
    void api.change(request(true), 'statements', editing).then((answer) => {
      if (number !== checkNumber) return;
      const body = answer.body;
      form.showProblems(isRefusal(body) ? (body.problems ?? []) : body.problems);
    });
  }, 300);
}

async function afterChange(
  answer: Answer<{ ok: boolean; written: boolean; file: string; problems: Problem[] }>,
  done: string,
): Promise<boolean> {
  const body = answer.body;
  if (answer.status === 409 && isRefusal(body)) {
    await load();
    say(`${body.error.code} ${body.error.message}`, 'error');
    return false;
  }
  if (isRefusal(body)) {
    form.showProblems(body.problems ?? []);
    say(`${body.error.code} ${body.error.message}`, 'error');
    return false;
  }
  form.showProblems(body.problems);
  await load();
  say(`${done} (${body.file})${body.ok ? '' : ' as a draft, with problems'}`);
  return true;
}

async function save(): Promise<void> {
  window.clearTimeout(checkTimer);
  checkNumber++;
  const id = String(form.read().id ?? '');
  const answer = await api.change(request(false), 'statements', editing);
  if (await afterChange(answer, `saved ${id}`)) {
    editing = id;
    formTitle.textContent = `Edit ${id}`;
    deleteButton.hidden = false;
    draw();
  }
}

async function remove(): Promise<void> {
  if (editing === undefined) return;
  const id = editing;
  const answer = await api.change({ versions: state.files }, 'statements', id);
  if (await afterChange(answer, `deleted ${id}`)) startNew();
}

/** Adds the entity of the entity form, or saves the one picked for editing (its other fields kept). */
async function saveEntity(remove = false): Promise<void> {
  const values = entityForm.read();
  const original = state.entities.find((e) => e.id === editingEntity)?.record;
  // The fields the form has come from it; the kind's other fields (role, iso3166, ...) stay.
  const kept = Object.entries(original ?? {}).filter(([name]) => !entityForm.fields.has(name));
  const record: Record<string, unknown> = { ...values, ...Object.fromEntries(kept) };
  const id = editingEntity ?? String(values.id);
  const answer = await api.change(
    remove ? { versions: state.files } : { record, versions: state.files },
    'entities',
    editingEntity,
  );
  const body = answer.body;
  if (isRefusal(body)) {
    entityForm.showProblems(body.problems ?? []);
    if (answer.status === 409) await load();
    return say(`${body.error.code} ${body.error.message}`, 'error');
  }
  entityForm.showProblems([]);
  await load();
  say(`${remove ? 'deleted' : editingEntity ? 'saved' : 'added'} ${id} (${body.file})`);
  pickEntity(remove ? '' : String(record.id));
}

/** Puts an entity into the entity form for editing ('' : a new one). */
function pickEntity(id: string): void {
  const entity = state.entities.find((e) => e.id === id);
  editingEntity = entity?.id;
  entityForm.write(entity?.record ?? {});
  entityPick.value = entity?.id ?? '';
  entitySave.textContent = entity ? 'Save entity' : 'Add entity';
  entityDelete.hidden = !entity;
  entityForm.showProblems(entity?.problems ?? []);
}

async function undo(): Promise<void> {
  const answer = await api.undo();
  if (isRefusal(answer.body)) return say(`${answer.body.error.code} ${answer.body.error.message}`, 'error');
  await load();
  say(`undone in ${answer.body.file}`);
}

async function showDiff(): Promise<void> {
  const answer = await api.diff();
  if (isRefusal(answer.body)) return say(answer.body.error.message, 'error');
  const files = answer.body;
  diffDialog.replaceChildren(
    el(
      'h2',
      {},
      files.length ? `Changed since kg annotate started: ${files.length} file(s)` : 'No file changed',
    ),
    ...files.map((f) =>
      el(
        'pre',
        { className: 'diff' },
        ...f.patch.split('\n').map((line) =>
          el(
            'span',
            {
              className: line.startsWith('+')
                ? 'add'
                : line.startsWith('-')
                  ? 'del'
                  : line.startsWith('@@')
                    ? 'hunk'
                    : '',
            },
            `${line}\n`,
          ),
        ),
      ),
    ),
    el('button', { type: 'button', onclick: () => diffDialog.close() }, 'Close'),
  );
  diffDialog.showModal();
}

function entityKindChosen(): void {
  const r = entityForm.read();
  const kind = String(r.kind ?? '');
  const prefix = (schema.kinds as Record<string, { idPrefix: string }>)[kind]?.idPrefix;
  if (prefix && typeof r.name === 'string')
    entityForm.fields.get('id')!.write(
      `${prefix}${r.name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}`,
    );
}

async function main(): Promise<void> {
  const answer = await api.schema();
  if (isRefusal(answer.body)) return say(`${answer.body.error.code} ${answer.body.error.message}`, 'error');
  schema = answer.body;
  form = new RecordForm('field', schema.statement, (field) => {
    if (field === 'id') idEdited = true;
    if (field === 'predicate' || field === 'subject' || field === 'object') {
      if (field === 'predicate') offerChoices();
      proposeId();
    }
    scheduleCheck();
  });
  const kindFields = schema.entity.Person!.filter((f) =>
    ['id', 'kind', 'name', 'aliases', 'description'].includes(f.name),
  );
  entityForm = new RecordForm(
    'entity',
    kindFields.map((f) =>
      f.name === 'kind' ? { ...f, input: 'choice' as const, options: Object.keys(schema.kinds) } : f,
    ),
    (field) => {
      if ((field === 'kind' || field === 'name') && editingEntity === undefined) entityKindChosen();
    },
  );
  entityPanel.append(
    el('summary', {}, 'Entities: add one, or pick one to edit'),
    entityPick,
    entityForm.element,
    el('div', { className: 'actions' }, entitySave, entityDelete),
  );
  entitySave.onclick = () => void saveEntity();
  entityDelete.onclick = () => void saveEntity(true);
  entityPick.onchange = () => pickEntity(entityPick.value);
  saveButton.onclick = () => void save();
  deleteButton.onclick = () => void remove();
  newButton.onclick = () => startNew();
  deleteButton.hidden = true;
  docSelect.onchange = () => {
    documentId = docSelect.value;
    startNew();
  };
  article.addEventListener('mouseup', () => {
    const span = selectedSpan(article, doc()?.text ?? '');
    if (span) startNew(span);
  });
  document
    .getElementById('app')!
    .append(
      el(
        'header',
        {},
        el('strong', {}, 'factgraph annotate'),
        docSelect,
        el('button', { id: 'undo', type: 'button', onclick: () => void undo() }, 'Undo'),
        el('button', { id: 'diff', type: 'button', onclick: () => void showDiff() }, 'Diff'),
        status,
      ),
      el(
        'main',
        {},
        el('nav', { id: 'statements' }, el('h3', {}, 'Statements in text order'), list),
        el(
          'section',
          { id: 'reading' },
          el(
            'p',
            { className: 'hint' },
            'Select words of the article to quote them in a new statement; click a highlight to edit its statement.',
          ),
          article,
        ),
        el(
          'aside',
          {},
          formTitle,
          form.element,
          el(
            'div',
            { className: 'actions' },
            saveButton,
            el('label', {}, draft, ' save as a draft, with problems'),
            deleteButton,
            newButton,
          ),
          entityPanel,
          mentionList,
        ),
      ),
      diffDialog,
    );
  await load();
  document.body.dataset.ready = 'true';
}

void main();
