// Installs the system programs the tests start (run by `npm test` through `pretest`, and by CI):
// each one missing is installed with apt-get when running as root, else named with how to install it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** One line per program: the command the tests run and the Debian/Ubuntu package that provides it. */
const NEEDED = [
  {
    command: 'redis-server',
    apt: 'redis-server',
    brew: 'redis',
    why: 'the tests of the relay’s Redis store and of the handler kit’s redisStore start a real Redis',
  },
  {
    command: 'chromium',
    apt: 'chromium',
    brew: '--cask chromium',
    // Elsewhere than /usr/bin/chromium, the tests take the browser named by $CHROMIUM_PATH.
    why: 'the tests of listen’s inspector page drive a real headless Chromium (Debian’s, never a downloaded one)',
  },
  {
    command: 'curl',
    apt: 'curl',
    brew: 'curl',
    why: 'the inspector’s tests run the page’s “Copy as curl” command',
  },
];

const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
const found = (command) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && suffixes.some((s) => existsSync(join(dir, command + s))));
const missing = NEEDED.filter((need) => !found(need.command));
if (missing.length === 0) process.exit(0);

const names = missing.map((need) => need.apt).join(' ');
const isRoot = process.getuid?.() === 0;
if (process.platform !== 'linux' || !isRoot || !found('apt-get')) {
  for (const need of missing) console.error(`Missing ${need.command}: ${need.why}.`);
  console.error(
    `Install it, e.g. "sudo apt-get install -y ${names}" (Debian, Ubuntu) or "${missing.map((n) => `brew install ${n.brew}`).join(' && ')}" (macOS), then run the tests again.`,
  );
  process.exit(1);
}
const run = (args) => {
  console.error(`$ ${args.join(' ')}`);
  const result = spawnSync(args[0], args.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) {
    console.error(`"${args.join(' ')}" failed (exit ${result.status}): install ${names} by hand, then run the tests again.`);
    process.exit(1);
  }
};
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing.map((need) => need.apt)]);
