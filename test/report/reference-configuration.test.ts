// `run --modes aggressive` still runs the reference configuration (1 thread, sequential), and the
// recommendation may point there: every table and chart shows it. A real run of the reference
// orchestrator, its report.html opened in a real Chromium.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';

const SEQUENTIAL_COLOR = '#4c78a8';
let runDir: string;
let stdout: string;

beforeAll(async () => {
  const dir = await makeTempDir('tg-reference-');
  const run = await runMatrixLines(
    dir,
    'tiny-reference',
    [
      'target: { kind: builtin, employees: 200, years: 2025-2025, seed: 42 }',
      'threads: [2]',
      'modes: [sequential, selective, aggressive]',
      'repetitions: 1',
      'warmup: 0',
    ],
    { flags: ['--modes', 'aggressive'] },
  );
  expect(run.exitCode, run.stderr).toBe(0);
  runDir = run.runDir;
  const report = await runCli(['report', runDir]);
  stdout = report.stdout;
});

describe('the added reference configuration', () => {
  it("is a row of the terminal summary and of report.md's Configurations table", async () => {
    expect(stdout, 'summary row').toMatch(/│\s+1 │ sequential\s+│\s+1\/1 │/);
    const md = await readFile(path.join(runDir, 'report.md'), 'utf8');
    const configurations = md.slice(
      md.indexOf('## Configurations'),
      md.indexOf('## ', md.indexOf('## Configurations') + 3),
    );
    expect(configurations, 'report.md row').toMatch(/\n\| 1 \| sequential \| 1\/1 \|/);
    expect(configurations, "and the matrix's row").toMatch(/\n\| 2 \| aggressive \| 1\/1 \|/);
    // One sample a configuration: no "± 0 ms", no one-point interval; the confidence says what it means.
    // A run of this tiny matrix can take under a second ("923 ms" on a fast machine) or more ("1.23 s").
    expect(stdout, 'terminal: 1 sample').toMatch(/│\s+1 │ sequential\s+│\s+1\/1 │ \d+(\.\d+)? m?s \(1 sample\) │/);
    expect(stdout, 'no ± 0 ms').not.toContain('± 0 ms');
    expect(configurations, 'report.md: 1 sample').toMatch(
      /\| 1 \| sequential \| 1\/1 \| \d+(\.\d+)? m?s \| 1 sample \|/,
    );
    expect(stdout, 'confidence explained').toMatch(
      /confidence \d+%: how sure the pick is; 100% needs 5 timed samples per configuration and little noise/,
    );
    expect(stdout, 'memory in MiB').toMatch(/│\s+\d+ MiB │/);
  });

  it('has its own colour in the runtime chart, a column in the grid, and CPU and memory panels drawn in Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      await page.goto(pathToFileURL(path.join(runDir, 'report.html')).href, { waitUntil: 'load' });
      expect(problems, 'page errors').toEqual([]);
      expect(await page.locator('table.grid thead th').allInnerTexts(), 'grid columns').toEqual([
        '',
        'aggressive',
        'sequential',
      ]);
      expect(await page.locator('table.grid td').allInnerTexts(), 'grid cells (1 thread, 2 threads)').toEqual([
        'not planned',
        '★ reference',
        '✓ identical',
        'not planned',
      ]);
      const fills = (id: string) =>
        page
          .locator(`#chart-${id} svg path`)
          .evaluateAll((paths) => paths.map((p) => `${p.getAttribute('fill')} ${p.getAttribute('stroke')}`));
      expect(
        (await fills('runtime')).filter((paint) => paint.includes(SEQUENTIAL_COLOR)).length,
        "runtime: the reference drawn in its mode's colour",
      ).toBeGreaterThan(0);
      for (const id of ['cpu-timeline', 'memory-timeline']) {
        const areas = await page
          .locator(`#chart-${id} svg .mark-area path`)
          .evaluateAll((paths) => paths.map((p) => ({ fill: p.getAttribute('fill'), d: p.getAttribute('d') ?? '' })));
        expect(areas.length, `${id}: one area per configuration`).toBe(2);
        const reference = areas.find((area) => area.fill === SEQUENTIAL_COLOR);
        expect(reference?.d.length ?? 0, `${id}: the reference's panel is drawn`).toBeGreaterThan(20);
      }
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
