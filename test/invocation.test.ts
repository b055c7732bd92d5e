import { delimiter, join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokedAs } from '../src/invocation.js';

describe('invokedAs: the command hints repeat', () => {
  const clone = resolve('home', 'ana', 'winesitting-hooks');
  const script = join(clone, 'bin', 'winesitting-hooks.js');
  const PATH = [resolve('usr', 'bin'), resolve('usr', 'local', 'bin')].join(delimiter);

  it('names npx when npx started the CLI', () => {
    expect(invokedAs({ npm_command: 'exec', PATH }, script, clone)).toBe('npx winesitting-hooks');
  });

  it('names the bare command when installed: found on the PATH, or run from node_modules by a shim', () => {
    const linked = resolve('usr', 'local', 'bin', 'winesitting-hooks');
    expect(invokedAs({ PATH }, linked, resolve('tmp'))).toBe('winesitting-hooks');
    const global = resolve('Users', 'Ana Maria', 'AppData', 'npm', 'node_modules', 'winesitting-hooks', 'bin', 'winesitting-hooks.js');
    expect(invokedAs({ PATH }, global, resolve('tmp'))).toBe('winesitting-hooks');
  });

  it('names node and the script from the current folder when started by path, quoted when it holds a space', () => {
    expect(invokedAs({ PATH }, script, clone)).toBe(`node ${join('bin', 'winesitting-hooks.js')}`);
    expect(invokedAs({ PATH }, script, join(clone, 'bin'))).toBe(`node .${sep}winesitting-hooks.js`);
    expect(invokedAs({ PATH }, script, resolve('srv', 'app'))).toBe(`node ${script}`);
    const spaced = resolve('my projects', 'hooks', 'bin', 'winesitting-hooks.js');
    expect(invokedAs({ PATH }, spaced, resolve('tmp'))).toBe(`node "${spaced}"`);
  });
});
