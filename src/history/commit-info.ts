// The commit a run measured: `--commit SHA` when given, else HEAD of the target's checkout (a
// PlanAlign checkout, a command target's folder) or of the working directory, else none. git is
// run with an argument vector (execa, no shell); a folder that is no git checkout is no error.
import { execa } from 'execa';
import type { ResolvedMatrix } from '../matrix/types.js';
import type { CommitInfo } from './types.js';

async function git(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    const result = await execa('git', [...args], { cwd, reject: false, timeout: 10_000, stdin: 'ignore' });
    return result.exitCode === 0 ? String(result.stdout).trim() || null : null;
  } catch {
    return null;
  }
}

/** The folder whose git HEAD is the target's commit. */
export function targetCheckout(matrix: ResolvedMatrix, cwd: string): string {
  const { target } = matrix;
  if (target.kind === 'planalign') return target.checkout;
  if (target.kind === 'command') return target.cwd;
  return cwd;
}

/**
 * The commit, its committer time and branch. `sha` given: looked up in `checkout` for its time
 * (left unknown when it is not there). The branch is HEAD's when HEAD is that commit, else
 * $GITHUB_REF_NAME (a CI checkout is a detached HEAD), else unknown.
 */
export async function resolveCommit(
  sha: string | null,
  checkout: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommitInfo> {
  const head = await git(checkout, ['rev-parse', 'HEAD']);
  const commit = sha ?? head;
  if (commit === null) return { sha: null, time: null, branch: null };
  const time = await git(checkout, ['show', '-s', '--format=%cI', `${commit}^{commit}`, '--']);
  const headBranch =
    head !== null && head === commit ? await git(checkout, ['rev-parse', '--abbrev-ref', 'HEAD']) : null;
  const branch = headBranch !== null && headBranch !== 'HEAD' ? headBranch : env['GITHUB_REF_NAME'] || null;
  return { sha: commit, time: time === null ? null : new Date(time).toISOString(), branch };
}
