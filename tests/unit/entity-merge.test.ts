import { join } from 'node:path';
import { FIXTURES, validateWithBase } from '../helpers';

test('an entity described in two files merges: aliases united in file order, new fields added', async () => {
  const result = await validateWithBase(join(FIXTURES, 'valid', 'entity-described-twice.yaml'));
  expect(result.errors).toEqual([]);
  const lavrov = result.dataset.entities.get('person:sergej-lavrov')!;
  expect(lavrov.record).toEqual({
    id: 'person:sergej-lavrov',
    kind: 'Person',
    name: 'Sergey Lavrov',
    aliases: ['Sergej Lavrov', 'Lavrov', 'Lavrovs'],
    role: 'Foreign Minister of Russia',
    description: 'Russian diplomat, foreign minister since 2004',
  });
  // The added field points at where it was written.
  expect(lavrov.fields.description?.file).toBe(join(FIXTURES, 'valid', 'entity-described-twice.yaml'));
});
