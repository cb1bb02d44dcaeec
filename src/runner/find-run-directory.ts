// `run --out DIR` creates DIR/<matrix>-<stamp>/, so DIR is the folder a user remembers: every command
// that takes a run directory also accepts the folder holding it, when that folder holds just one.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { PLAN_FILE } from './run-directory.js';

/** The run directory to use for `given`, and a note saying so when it was found inside `given`. */
export interface FoundRunDirectory {
  readonly runDir: string;
  readonly note: string | null;
}

/** Run folders shown in the error when a folder holds several. */
const MAX_LISTED = 5;

/**
 * `given` itself when it holds plan.json (or is no folder at all: loadRun then says what is wrong);
 * else the one run folder inside it; several are an InputError naming them, newest first.
 */
export async function findRunDirectory(given: string): Promise<FoundRunDirectory> {
  const itself = { runDir: given, note: null };
  if (!(await isFolder(given)) || (await readCreatedAt(given)) !== null) return itself;
  const entries = await readdir(given, { withFileTypes: true }).catch(() => []);
  const found: { runDir: string; createdAt: string }[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const runDir = path.join(given, entry.name);
    const createdAt = await readCreatedAt(runDir);
    if (createdAt !== null) found.push({ runDir, createdAt });
  }
  if (found.length === 0) return itself;
  if (found.length === 1)
    return { runDir: found[0]!.runDir, note: `${given} holds one run folder: using ${found[0]!.runDir}` };
  found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.runDir.localeCompare(a.runDir));
  const listed = found
    .slice(0, MAX_LISTED)
    .map((run) => path.basename(run.runDir))
    .join(', ');
  const more = found.length > MAX_LISTED ? ` and ${found.length - MAX_LISTED} more` : '';
  throw new InputError(`${given}: holds ${found.length} run folders; name one (newest first): ${listed}${more}`);
}

async function isFolder(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

// plan.json's createdAt (what "newest" means), '' when it has none, null when there is no plan.json.
async function readCreatedAt(runDir: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(path.join(runDir, PLAN_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const createdAt = (JSON.parse(text) as { createdAt?: unknown }).createdAt;
    return typeof createdAt === 'string' ? createdAt : '';
  } catch {
    return '';
  }
}
