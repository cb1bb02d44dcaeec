#!/usr/bin/env node
// npm test's pretest (and so .ci/run's): the HTML report's browser test drives a real Chromium
// through playwright-core, which downloads no browser. When none is installed, install Debian's
// `chromium` with apt-get (as root, or through passwordless sudo); otherwise say in one line what
// to install, and fail. THREADGATE_CHROMIUM names another Chromium or Chrome binary to use.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where Debian's chromium package puts the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser the test will drive: $THREADGATE_CHROMIUM when set, else Debian's; null when missing. */
export function findChromium(env = process.env) {
  const file = env.THREADGATE_CHROMIUM || DEBIAN_CHROMIUM;
  return isExecutable(file) ? file : null;
}

/** How to run apt-get here: directly as root, through `sudo -n` when that needs no password, else null. */
function aptGetCommand() {
  if (process.platform !== 'linux' || !isExecutable('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return ['apt-get'];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n', 'apt-get'] : null;
}

function run(command) {
  const [file, ...args] = command;
  const result = spawnSync(file, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function main() {
  if (findChromium()) return 0;
  if (process.env.THREADGATE_CHROMIUM) {
    process.stderr.write(
      `threadgate: THREADGATE_CHROMIUM=${process.env.THREADGATE_CHROMIUM} is not an executable file\n`,
    );
    return 1;
  }
  const aptGet = aptGetCommand();
  if (aptGet) {
    process.stderr.write(
      "threadgate: installing Debian's chromium for the HTML report's browser test (apt-get install chromium)\n",
    );
    if (
      run([...aptGet, 'update', '-qq']) &&
      run([...aptGet, 'install', '-y', '-qq', '--no-install-recommends', 'chromium']) &&
      findChromium()
    )
      return 0;
  }
  process.stderr.write(
    `threadgate: the HTML report's browser test needs Chromium at ${DEBIAN_CHROMIUM}: install it (Debian: sudo apt-get install -y --no-install-recommends chromium), or set THREADGATE_CHROMIUM to a Chromium or Chrome binary\n`,
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main();
