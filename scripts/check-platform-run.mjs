// CI's check of a small built-in matrix on each platform (.github/workflows/platforms.yml): the run
// directory's report passes the gate, every run's timeline has samples with CPU and memory in them,
// and the sampler is the one the platform should use (/proc on Linux, portable elsewhere).
// Usage: node scripts/check-platform-run.mjs OUT_DIR   (the --out folder of `threadgate run`).
// Exits 1 naming the first thing that does not hold.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const [outDir] = process.argv.slice(2);
const fail = (message) => {
  process.stderr.write(`check-platform-run: ${message}\n`);
  process.exit(1);
};
if (!outDir) fail('usage: node scripts/check-platform-run.mjs OUT_DIR');
const runDirs = readdirSync(outDir).map((name) => path.join(outDir, name));
if (runDirs.length !== 1) fail(`${outDir}: expected one run directory, found ${runDirs.length}`);
const runDir = runDirs[0];
const report = JSON.parse(readFileSync(path.join(runDir, 'report.json'), 'utf8'));
if (report.gate.verdict !== 'pass') fail(`${runDir}: gate ${report.gate.verdict}: ${report.gate.reasons.join('; ')}`);
if (report.determinism.verdict !== 'pass') fail(`${runDir}: determinism ${report.determinism.verdict}`);
const expected =
  process.platform === 'linux' && process.env.THREADGATE_PLATFORM_PATHS !== 'portable' ? 'proc' : 'portable';
for (const run of readdirSync(path.join(runDir, 'runs'))) {
  const timeline = JSON.parse(readFileSync(path.join(runDir, 'runs', run, 'timeline.json'), 'utf8'));
  const withTree = timeline.samples.filter((sample) => sample.processes > 0 && sample.treeRssBytes > 0);
  if (withTree.length === 0)
    fail(`${run}: timeline has no sample of the run's tree (${timeline.samples.length} samples)`);
  if (!(timeline.summary.cpuMs > 0)) fail(`${run}: timeline summary has no CPU time`);
  if (timeline.sampler !== expected)
    fail(`${run}: sampled by ${timeline.sampler}, expected ${expected} on ${process.platform}`);
  process.stdout.write(
    `${run}: ${timeline.sampler} sampler, ${timeline.samples.length} samples (${withTree.length} of the tree), cpuMs ${timeline.summary.cpuMs}, peak RSS ${(timeline.summary.peakRssBytes / 2 ** 20).toFixed(0)} MiB\n`,
  );
}
process.stdout.write(`${runDir}: gate pass on ${process.platform}\n`);
