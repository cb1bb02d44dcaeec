// The browser the HTML pages' tests open: Debian's chromium (no browser download), headless, with
// the flags that keep it off this machine's closed network. Not skipped when missing: a browser test
// that silently skips proves nothing.
import { type Browser, chromium } from 'playwright-core';
import { DEBIAN_CHROMIUM, findChromium } from '../../scripts/ensure-chromium.mjs';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium, or throws saying how to get one. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error(
      `${DEBIAN_CHROMIUM} missing: npm test's pretest installs it (scripts/ensure-chromium.mjs), or set THREADGATE_CHROMIUM`,
    );
  return chromium.launch({ executablePath, args: ARGS });
}
