/// <reference lib="dom" />
// The page's calls to the kg annotate API: every one carries the token of the page's own address.
import type { FormSchema } from '../form-schema';
import type { ChangeRequest, ChangeResult, Problem, Snapshot } from '../workspace';

const token = new URLSearchParams(location.search).get('token') ?? '';

export interface Refusal {
  ok: false;
  error: { code: string; message: string; file?: string };
  problems?: Problem[];
}

export type Answer<T> = { status: number; body: T | Refusal };

async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const response = await fetch(path, {
    method,
    headers: {
      'X-Factgraph-Token': token,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T | Refusal };
}

export const api = {
  state: () => call<Snapshot>('GET', '/api/state'),
  schema: () => call<FormSchema>('GET', '/api/schema'),
  diff: () => call<{ file: string; patch: string }[]>('GET', '/api/diff'),
  undo: () => call<{ ok: true; file: string }>('POST', '/api/undo'),
  change: (request: Omit<ChangeRequest, 'section' | 'action' | 'id'>, section: string, id?: string) =>
    call<ChangeResult>(
      id === undefined ? 'POST' : request.record === undefined ? 'DELETE' : 'PUT',
      `/api/${section}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`,
      request,
    ),
};

export function isRefusal<T>(body: T | Refusal): body is Refusal {
  return typeof body === 'object' && body !== null && 'error' in body;
}
