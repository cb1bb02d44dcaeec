// `npm run schema`: regenerates matrices/matrix.schema.json from the zod schema, for editors
// (`# yaml-language-server: $schema=./matrix.schema.json`). A test keeps the committed file current.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../core/package-info.js';
import { matrixFileSchema } from './schema.js';

/** The JSON Schema text of a matrix file. */
export function renderMatrixJsonSchema(): string {
  const schema = z.toJSONSchema(matrixFileSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'threadgate matrix file' }, null, 2)}\n`;
}

export const MATRIX_SCHEMA_FILE = path.join(PACKAGE_ROOT, 'matrices', 'matrix.schema.json');

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(PACKAGE_ROOT, 'dist', 'matrix', 'write-schema.js')) {
  await writeFile(MATRIX_SCHEMA_FILE, renderMatrixJsonSchema());
  process.stdout.write(`wrote ${MATRIX_SCHEMA_FILE}\n`);
}
