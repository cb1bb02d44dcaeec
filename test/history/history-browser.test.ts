// Opens history.html in a real Chromium: it loads with no network, draws one trend chart per
// configuration with samples, segment levels, the change point labelled with its commit and the
// noisy samples as crosses, lists the digest change, and shows hostile names as text.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHistory } from '../../src/history/check-history.js';
import { appendToHistory } from '../../src/history/history-store.js';
import { readHistory } from '../../src/history/read-history.js';
import { buildHistoryRun } from '../../src/history/run-entry.js';
import { writeHistoryReport } from '../../src/history/write-history-report.js';
import { launchChromium } from '../helpers/chromium.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { HOSTILE_IMG, withHostileTableName } from '../report/hostile-report.js';
import { reportForNight, shaOf } from './history-fixtures.js';

describe('history.html in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'threadgate-history-html-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('draws trends, change points, noisy samples and digest changes offline, and shows markup as text', async () => {
    const base = withHostileTableName(buildSampleReport(), HOSTILE_IMG);
    // 30 nights; 25% slower from night 25 (so a week before the newest is before the step); the hostile table's digest changes at night 12; night 5's samples were noisy.
    const runs = Array.from({ length: 30 }, (_, n) => {
      const report = reportForNight(n, n >= 25 ? 1.25 : 1, base);
      const run = buildHistoryRun(report, { sha: shaOf(n), time: report.startedAt, branch: 'main' });
      return {
        ...run,
        samples: run.samples.map((s) => ({ ...s, noisy: n === 5 })),
        tables: run.tables.map((t) =>
          t.table === HOSTILE_IMG
            ? { ...t, digest: n >= 12 ? 'b'.repeat(32) : 'a'.repeat(32), algorithm: 'md5-v1' }
            : t,
        ),
      };
    });
    const file = path.join(dir, 'history.duckdb');
    await appendToHistory(file, runs);
    const history = await readHistory(file, { withSamples: true });
    const check = checkHistory(history);
    const out = path.join(dir, 'out');
    const summaryFile = path.join(dir, 'step-summary.md');
    await writeHistoryReport(history, check, out, new Date('2026-11-01T00:00:00Z'), summaryFile);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const outside: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) outside.push(r.url());
    });
    await page.goto(pathToFileURL(path.join(out, 'history.html')).href, { waitUntil: 'load' });
    expect(errors, 'console and page errors').toEqual([]);
    expect(outside, 'requests that are not file:/data:').toEqual([]);

    const configurations = new Set(runs[0]!.samples.filter((s) => s.status === 'ok').map((s) => s.configuration));
    expect(await page.locator('figure.chart').count(), 'one chart per configuration').toBe(configurations.size);
    const first = page.locator('#chart-history-0');
    const okSamples = runs.reduce(
      (n, run) =>
        n + run.samples.filter((s) => s.status === 'ok' && s.configuration === check.series[0]!.configuration).length,
      0,
    );
    expect(
      await first.locator('svg .mark-symbol.role-mark path').count(),
      'every sample drawn (quiet dots and noisy crosses)',
    ).toBe(okSamples);
    expect(
      await first.locator('svg .mark-symbol.role-mark path[stroke="#d62728"]').count(),
      'noisy samples as red crosses',
    ).toBeGreaterThan(0);
    expect(await first.locator('svg .mark-rule.role-mark line[stroke="#f58518"]').count(), 'two levels').toBe(2);
    expect(
      await first.locator('svg .mark-text.role-mark text').allTextContents(),
      'the change point labelled with its commit',
    ).toContain(`${shaOf(25).slice(0, 10)} +25.0%`);
    expect(await page.locator('#changes li.change').count(), 'change points listed').toBeGreaterThanOrEqual(
      configurations.size,
    );
    expect(await page.locator('#changes').innerText(), 'the commit range').toContain(
      `began between ${shaOf(24).slice(0, 10)} and ${shaOf(25).slice(0, 10)}`,
    );

    const output = page.locator('#outputs tr.output-change');
    expect(await output.count(), 'one digest change').toBe(1);
    expect(await output.innerText(), 'the hostile table name, as text').toContain(HOSTILE_IMG);
    expect(await output.innerText(), 'its commits').toContain(shaOf(12).slice(0, 10));
    expect(await page.locator('img').count(), 'no <img> elements injected').toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
      'window.__pwned',
    ).toBeUndefined();

    const summary = await readFile(summaryFile, 'utf8');
    expect(summary, 'the job summary has a line per configuration').toContain(
      '| configuration | matrix | hardware | now | vs a week ago | vs a month ago | newest change |',
    );
    expect(summary, 'hostile name only inside a code span (shown as text)').toContain(`\`${HOSTILE_IMG}\``);
    expect(summary.replaceAll(`\`${HOSTILE_IMG}\``, ''), 'nowhere else').not.toContain('<img');
    expect(summary, 'now against a week ago: the step').toMatch(/\| \+2[45]\.\d% \(/);
    expect(summary, 'no month of history yet').toContain('| – |');
  }, 120_000);
});
