import { describe, expect, it } from 'vitest';
import { invokedAs } from '../src/invocation.js';

describe('invokedAs: the command hints repeat', () => {
  const script = '/home/ana/winesitting-hooks/bin/winesitting-hooks.js';

  it('names npx when npx started the CLI', () => {
    expect(invokedAs({ npm_command: 'exec', PATH: '/usr/bin' }, script, '/home/ana/winesitting-hooks')).toBe('npx winesitting-hooks');
  });

  it('names the bare command when it was found on the PATH (installed or npm link)', () => {
    expect(invokedAs({ PATH: '/usr/bin:/usr/local/lib/node_modules/.bin/' }, '/usr/local/lib/node_modules/.bin/winesitting-hooks', '/tmp')).toBe(
      'winesitting-hooks',
    );
  });

  it('names node and the script from the current folder when started by path', () => {
    expect(invokedAs({ PATH: '/usr/bin' }, script, '/home/ana/winesitting-hooks')).toBe('node bin/winesitting-hooks.js');
    expect(invokedAs({ PATH: '/usr/bin' }, script, '/home/ana/winesitting-hooks/bin')).toBe('node ./winesitting-hooks.js');
    expect(invokedAs({ PATH: '/usr/bin' }, script, '/srv/app')).toBe(`node ${script}`);
    expect(invokedAs({ PATH: '/usr/bin' }, '/opt/tools/winesitting-hooks', '/opt/tools')).toBe('./winesitting-hooks');
  });
});
