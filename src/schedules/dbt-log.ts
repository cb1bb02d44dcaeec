// Every dbt call of a run, from logs/dbt.log, which dbt appends to on every call (run_results.json
// is overwritten by each). A call starts with a banner line (`===== 16:18:48.211797 | <invocation
// id> =====`); its `running dbt with arguments` line names the command and, in PlanAlign, the
// simulation year (`"simulation_year": 2025` in --vars); each node's work lies between the debug
// lines `Began running node <id>` and `Finished running node <id>`, on a thread named in brackets.
// Each call's start-up (parsing, hooks, until its first node) is a task of its own: it is serial
// work the schedule would otherwise hide. A call follows the one before it: its start-up waits for
// every task of the calls that ended before it began; its nodes wait for its start-up and for their
// manifest dependencies (in this call, else the latest earlier call that ran them).
import type { ManifestNode } from './dbt-artifacts.js';
import { shortNodeName, slotOfThread } from './dbt-artifacts.js';
import type { RawTask } from './types.js';

const BANNER = /^=+ (?:(\d{4}-\d{2}-\d{2}) )?(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? \| \S+ =+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: dbt colours its log lines with ANSI escapes
const LINE = /^(?:\x1b\[[0-9;]*m)*(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? \[[^\]]*\] \[([^\]]*)\]: (.*)$/;
const DAY_MS = 24 * 3600 * 1000;

interface Call {
  readonly index: number;
  readonly startMs: number;
  endMs: number;
  command: string;
  year: number | null;
  firstNodeMs: number | null;
  readonly nodes: Map<string, { startMs: number; finishMs: number | null; slot: number }>;
}

function clockMs(h: string, m: string, s: string, fraction: string | undefined): number {
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(`0.${fraction ?? '0'}`) * 1000;
}

/** The calls in a dbt.log's text, times in ms on one clock (midnight crossings unwrapped). */
function readCalls(text: string): Call[] {
  const calls: Call[] = [];
  let dayMs = 0;
  let lastMs = -Infinity;
  const onClock = (ms: number): number => {
    if (ms + dayMs < lastMs - DAY_MS / 2) dayMs += DAY_MS; // the clock passed midnight
    lastMs = ms + dayMs;
    return lastMs;
  };
  for (const line of text.split('\n')) {
    const banner = BANNER.exec(line.trim());
    if (banner) {
      const dateMs = banner[1] ? Date.parse(`${banner[1]}T00:00:00Z`) : 0;
      const ms = dateMs + clockMs(banner[2]!, banner[3]!, banner[4]!, banner[5]);
      if (banner[1]) {
        dayMs = dateMs;
        lastMs = ms;
      } else onClock(ms);
      calls.push({
        index: calls.length,
        startMs: banner[1] ? ms : lastMs,
        endMs: banner[1] ? ms : lastMs,
        command: 'dbt',
        year: null,
        firstNodeMs: null,
        nodes: new Map(),
      });
      continue;
    }
    const call = calls.at(-1);
    const parsed = LINE.exec(line);
    if (!call || !parsed) continue;
    const atMs = onClock(clockMs(parsed[1]!, parsed[2]!, parsed[3]!, parsed[4]));
    call.endMs = atMs;
    const [thread, message] = [parsed[5]!, parsed[6]!];
    if (message.startsWith('running dbt with arguments')) {
      call.command = /'invocation_command': '(dbt \w+)/.exec(message)?.[1] ?? call.command;
      const year = /simulation_year["']?:\s*(\d{4})/.exec(message);
      if (year) call.year = Number(year[1]);
    } else if (message.startsWith('Began running node ')) {
      const id = message.slice('Began running node '.length).trim();
      call.firstNodeMs ??= atMs;
      call.nodes.set(id, { startMs: atMs, finishMs: null, slot: slotOfThread(thread) });
    } else if (message.startsWith('Finished running node ')) {
      const node = call.nodes.get(message.slice('Finished running node '.length).trim());
      if (node) node.finishMs = atMs;
    }
  }
  return calls;
}

/** The tasks of every dbt call in `text`; `nodes` (manifest.json) gives dependencies and groups. */
export function parseDbtLog(text: string, nodes: ReadonlyMap<string, ManifestNode> = new Map()): RawTask[] {
  const tasks: RawTask[] = [];
  const latestRun = new Map<string, string>(); // unique id -> task id of the latest call that ran it
  const callTasks: { call: Call; ids: string[] }[] = [];
  for (const call of readCalls(text)) {
    const startupId = `call${call.index}:start-up`;
    const before = callTasks.filter((c) => c.call.endMs <= call.startMs).flatMap((c) => c.ids);
    tasks.push({
      id: startupId,
      model: `${call.command} start-up`,
      year: call.year,
      modelClass: 'dbt start-up',
      startMs: call.startMs,
      finishMs: call.firstNodeMs ?? call.endMs,
      slot: 0,
      dependsOn: before,
    });
    const ids = [startupId];
    for (const [uniqueId, run] of call.nodes) {
      const node = nodes.get(uniqueId);
      const dependsOn = (node?.dependsOn ?? []).flatMap((d) => {
        const here = call.nodes.has(d) ? `call${call.index}:${d}` : latestRun.get(d);
        return here === undefined ? [] : [here];
      });
      const id = `call${call.index}:${uniqueId}`;
      tasks.push({
        id,
        model: node?.name ?? shortNodeName(uniqueId),
        year: call.year,
        modelClass: node?.group ?? uniqueId.split('.')[0] ?? null,
        startMs: run.startMs,
        finishMs: run.finishMs ?? call.endMs,
        slot: run.slot,
        dependsOn: [startupId, ...dependsOn],
      });
      ids.push(id);
    }
    for (const uniqueId of call.nodes.keys()) latestRun.set(uniqueId, `call${call.index}:${uniqueId}`);
    callTasks.push({ call, ids });
  }
  return tasks;
}
