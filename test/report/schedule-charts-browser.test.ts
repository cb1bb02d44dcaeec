// The schedule charts of report.html in a real Chromium (Debian's, driven by playwright-core): the
// Gantt chart draws one bar per task in each of its two panels with the critical path outlined,
// the bound chart and the durations chart draw their marks, and the page stays offline.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportWriter } from '../../src/report/write-reports.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { withFixtureSchedules } from '../fixtures/schedule-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

describe('schedule charts in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y --no-install-recommends chromium (as .ci/run does)`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'threadgate-schedule-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('draws the Gantt chart, the bound and the durations', async () => {
    const writer = createReportWriter(dir);
    await writer.prepare();
    await writer.write(withFixtureSchedules(buildSampleReport()));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => { if (!/^(file|data):/.test(r.url())) problems.push(`request ${r.url()}`); });
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href, { waitUntil: 'load' });
    expect(problems).toEqual([]);

    // 12 tasks a run (3 years × 4 models), two panels; the critical path's bars carry a dark outline.
    const bars = page.locator('#chart-schedule-gantt svg .mark-rect.role-mark path');
    expect(await bars.count(), 'bars in the two Gantt panels').toBe(24);
    const outlined = await bars.evaluateAll((paths) => paths.filter((p) => p.getAttribute('stroke') === '#111').length);
    expect(outlined, 'critical path: 3 years × 3 models in each panel').toBe(18);
    expect(await page.locator('#chart-schedule-gantt').innerText()).toContain('recommended t4-sequential-r1');
    expect(await page.locator('#chart-schedule-gantt').boundingBox().then((b) => b!.width), 'the Gantt figure spans the page').toBeGreaterThan(1000);

    expect(await page.locator('#chart-schedule-bound svg .mark-line.role-mark path').count(), 'a line per mode and series').toBe(4);
    // 4 models × 3 thread counts × 2 modes cells, each with its ratio written in.
    expect(await page.locator('#chart-model-durations svg .mark-rect.role-mark path').count()).toBe(24);
    expect(await page.locator('#chart-model-durations svg .mark-text.role-mark text').count()).toBe(24);
    await page.close();
  });
});
