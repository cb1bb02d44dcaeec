// Where threadgate itself is installed, and its version: the built-in target runs its own CLI.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root, two folders up from this file (src/core/ in tests, dist/core/ when installed). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The compiled CLI the built-in target spawns. */
export const CLI_ENTRY = path.join(PACKAGE_ROOT, 'dist', 'cli.js');

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

/** threadgate's own version, from package.json. */
export const TOOL_VERSION = readVersion();
