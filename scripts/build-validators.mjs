// Precompiles the data-file schema's validators (ajv's standalone code) into
// dist/validate/schema-validators.js, after tsc: each thread that checks files loads them instead of
// compiling the schema (~0.3 s of CPU a thread). The file carries the hash of the schema it was made
// from; with another schema, src/validate/schema-check.ts compiles at run time as before.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'validate');
const { compileValidators, schemaHash, schemaText } = require(join(dist, 'schema-check.js'));
const standaloneCode = require('ajv/dist/standalone').default;

const text = schemaText();
const { ajv, ids } = compileValidators(JSON.parse(text), true);
const code = `${standaloneCode(ajv, ids)}\nexports.schemaHash = ${JSON.stringify(schemaHash(text))};\n`;
writeFileSync(join(dist, 'schema-validators.js'), code);
