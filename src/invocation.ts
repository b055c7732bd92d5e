import { basename, delimiter, dirname, isAbsolute, relative } from 'node:path';

/**
 * How the user started this CLI, to repeat in hints so that a copied command works:
 * `npx winesitting-hooks` through npx, `winesitting-hooks` from the PATH (installed or
 * `npm link`ed), else the script's path as typed from the current folder.
 */
export function invokedAs(env: NodeJS.ProcessEnv, script: string | undefined, cwd: string): string {
  if (env.npm_command === 'exec') return 'npx winesitting-hooks';
  if (script === undefined) return 'winesitting-hooks';
  const onPath = (env.PATH ?? '').split(delimiter).some((folder) => folder !== '' && relative(folder, dirname(script)) === '');
  if (onPath) return basename(script);
  const shown = relative(cwd, script);
  const path = shown.startsWith('..') || isAbsolute(shown) ? script : shown.includes('/') || shown.includes('\\') ? shown : `./${shown}`;
  return script.endsWith('.js') ? `node ${path}` : path;
}
