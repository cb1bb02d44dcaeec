// Opens the written report.html in a real Chromium: it must load with no network, draw its charts,
// show the verdict and recommendation, and show hostile markup as text without running it.
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportWriter } from '../../src/report/write-reports.js';
import { launchChromium } from '../helpers/chromium.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { withHostileTableName, HOSTILE_IMG } from './hostile-report.js';
import { withFixtureSchedules } from '../fixtures/schedule-fixture.js';

describe('report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'threadgate-html-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders charts, verdict and recommendation offline, and shows markup as text', async () => {
    const writer = createReportWriter(dir);
    await writer.prepare();
    // Two runs measured beside other work: their samples are drawn as red crosses.
    const base = withHostileTableName(buildSampleReport(), HOSTILE_IMG);
    const runs = base.runs.map((run, index) => ({
      ...run,
      noisy: index < 2,
      outsideCores: index < 2 ? 0.8 : 0.05,
      stealCores: 0,
    }));
    await writer.write({ ...base, runs });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const outsideRequests: string[] = [];
    const failedRequests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) outsideRequests.push(r.url());
    });
    page.on('requestfailed', (r) => failedRequests.push(r.url()));

    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href, { waitUntil: 'load' });

    expect(consoleErrors, 'console errors').toEqual([]);
    expect(pageErrors, 'page errors').toEqual([]);
    expect(outsideRequests, 'requests that are not file:/data:').toEqual([]);
    expect(failedRequests, 'failed requests').toEqual([]);

    // Charts drawn: each figure holds an SVG with Vega marks in it.
    for (const id of ['runtime', 'speedup', 'cpu-timeline', 'memory-timeline']) {
      const marks = await page.locator(`#chart-${id} svg path, #chart-${id} svg line, #chart-${id} svg circle`).count();
      expect(marks, `marks in chart ${id}`).toBeGreaterThan(5);
    }
    const timedOk = runs.filter((run) => !run.warmup && run.status === 'ok').length;
    expect(
      await page.locator('#chart-runtime svg .mark-symbol.role-mark path').count(),
      'runtime points: 6 medians and every timed sample',
    ).toBe(6 + timedOk);
    expect(
      await page.locator('#chart-runtime svg .mark-symbol.role-mark path[stroke="#d62728"]').count(),
      'noisy samples as red crosses',
    ).toBe(2);
    expect(await page.locator('p.conditions').first().innerText(), 'the noise line').toContain(
      `Noise: 2 of ${runs.length} run(s) were measured with more than 0.25 cores`,
    );

    await expect.poll(() => page.locator('.verdict-word').innerText()).toBe('FAIL');
    expect(await page.locator('.verdict-word').isVisible(), 'verdict visible').toBe(true);
    const rec = page.locator('#recommendation .rec-headline');
    expect(await rec.isVisible(), 'recommendation visible').toBe(true);
    expect(await rec.innerText()).toContain('4 threads');
    expect(await rec.innerText()).toContain('sequential');

    // The hostile table name is shown literally, created no element, and its handler never ran.
    expect(await page.locator('#divergence-1 h3').innerText()).toContain(HOSTILE_IMG);
    expect(await page.locator('img').count(), 'no <img> elements injected').toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
      'window.__pwned',
    ).toBeUndefined();

    // The grid links the divergent configuration to its details.
    const link = page.locator('table.grid a[href="#divergence-1"]');
    expect(await link.count()).toBe(1);
    await link.click();
    expect(new URL(page.url()).hash).toBe('#divergence-1');

    // junit.xml, with the same hostile name, is well-formed XML to a real parser.
    const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        testcases: doc.getElementsByTagName('testcase').length,
        failure: doc.querySelector('testsuite[name="determinism"] failure')?.getAttribute('message') ?? null,
      };
    }, xml);
    expect(parsed).toEqual({ errors: 0, testcases: 10, failure: `1 divergence(s): t4-selective-r2 ${HOSTILE_IMG}` });

    mkdirSync('.tmp', { recursive: true });
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    await page.screenshot({ path: '.tmp/report-screenshot.png', fullPage: true });
    await page.close();
  });

  it('draws the Gantt chart, the bound and the durations', async () => {
    const writer = createReportWriter(dir);
    await writer.prepare();
    await writer.write(withFixtureSchedules(buildSampleReport()));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) problems.push(`request ${r.url()}`);
    });
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href, { waitUntil: 'load' });
    expect(problems).toEqual([]);

    // 12 tasks a run (3 years × 4 models), two panels; the critical path's bars carry a dark outline.
    const bars = page.locator('#chart-schedule-gantt svg .mark-rect.role-mark path');
    expect(await bars.count(), 'bars in the two Gantt panels').toBe(24);
    const outlined = await bars.evaluateAll((paths) => paths.filter((p) => p.getAttribute('stroke') === '#111').length);
    expect(outlined, 'critical path: 3 years × 3 models in each panel').toBe(18);
    expect(await page.locator('#chart-schedule-gantt').innerText()).toContain('recommended t4-sequential-r1');
    expect(
      await page
        .locator('#chart-schedule-gantt')
        .boundingBox()
        .then((b) => b!.width),
      'the Gantt figure spans the page',
    ).toBeGreaterThan(1000);

    expect(
      await page.locator('#chart-schedule-bound svg .mark-line.role-mark path').count(),
      'a line per mode and series (scheduled, bound, 1-thread bound)',
    ).toBe(6);
    // 4 models × 3 thread counts × 2 modes cells, each with its ratio written in.
    expect(await page.locator('#chart-model-durations svg .mark-rect.role-mark path').count()).toBe(24);
    expect(await page.locator('#chart-model-durations svg .mark-text.role-mark text').count()).toBe(24);
    await page.close();
  });
});
