// journal.jsonl: one line per finished run, appended and flushed before the next run starts, so an
// interrupted matrix loses nothing it finished and `--resume` knows exactly what is left.
import { open, readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../core/atomic-write.js';
import type { RunRecord } from '../core/run-record.js';

export const JOURNAL_FILE = 'journal.jsonl';

/**
 * Appends one record and waits until it is on disk. A write that fails part-way (disk full) is cut
 * back to the journal's previous end, so the journal never holds half a record to glue the next onto.
 */
export async function appendRecord(journalPath: string, record: RunRecord): Promise<void> {
  const handle = await open(journalPath, 'a');
  let previousBytes: number | null = null;
  try {
    previousBytes = (await handle.stat()).size;
    // writeFile writes every byte (a single write(2) may stop short on a full disk and say nothing).
    await handle.writeFile(`${JSON.stringify(record)}\n`);
    await handle.sync();
  } catch (error) {
    if (previousBytes !== null) {
      await handle.truncate(previousBytes).catch(() => undefined);
      await handle.sync().catch(() => undefined);
    }
    throw error;
  } finally {
    await handle.close();
  }
}

export interface JournalContents {
  readonly records: RunRecord[];
  /** A last line cut short by a crash mid-write, ignored (its run is simply run again). */
  readonly truncatedLine: boolean;
}

/** Reads every complete record; a missing journal is an empty one. */
export async function readJournal(journalPath: string): Promise<JournalContents> {
  let text: string;
  try {
    text = await readFile(journalPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], truncatedLine: false };
    throw error;
  }
  const lines = text.split('\n');
  const records: RunRecord[] = [];
  let truncatedLine = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line) as RunRecord);
    } catch (error) {
      // Only the final line can be partial; a broken line in the middle means the file was edited.
      if (index >= lines.length - 2) truncatedLine = true;
      else throw new Error(`${journalPath}: line ${index + 1} is not valid JSON: ${(error as Error).message}`);
    }
  });
  return { records, truncatedLine };
}

/**
 * Drops a partial last line before more records are appended after it (otherwise the next record
 * would be glued onto it). Rewrites it atomically.
 */
export async function repairJournal(journalPath: string, records: readonly RunRecord[]): Promise<void> {
  // On failure the journal itself is untouched.
  await writeFileAtomically(journalPath, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}
