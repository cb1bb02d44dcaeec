// search.jsonl beside journal.jsonl: one line per decision of an adaptive search (a round and its
// runs, a configuration dropped, revived or added, the stop), rewritten after every round. The
// decisions are a replay of the run records, so the file is an account for people and tools; the
// journal's own readers never see it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import type { SearchDecision } from './types.js';

export const SEARCH_JOURNAL_FILE = 'search.jsonl';

/** Replaces search.jsonl with these decisions (atomically: never half written). */
export async function writeSearchJournal(runDir: string, decisions: readonly SearchDecision[]): Promise<void> {
  const file = path.join(runDir, SEARCH_JOURNAL_FILE);
  await writeFileAtomically(file, decisions.map((decision) => `${JSON.stringify(decision)}\n`).join(''));
}

/** The decisions in search.jsonl; a missing file is an empty list. */
export async function readSearchJournal(runDir: string): Promise<SearchDecision[]> {
  let text: string;
  try {
    text = await readFile(path.join(runDir, SEARCH_JOURNAL_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SearchDecision);
}
