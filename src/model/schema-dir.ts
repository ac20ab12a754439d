import { join } from 'node:path';

/**
 * The package's schema folder: `schema/` beside `src/` and `dist/`. Its own module, so that what only needs the path (the cache's
 * key) does not load ajv with the schema checker.
 */
export const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');
