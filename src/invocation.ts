import { basename, delimiter, dirname, isAbsolute, relative, sep } from 'node:path';

/**
 * How the user started this CLI, to repeat in hints so that a copied command works:
 * `npx winesitting-hooks` through npx, `winesitting-hooks` when installed (on the PATH, or
 * run from a `node_modules` folder by npm's shims), else the script's path as typed from the
 * current folder, quoted when it holds spaces.
 */
export function invokedAs(env: NodeJS.ProcessEnv, script: string | undefined, cwd: string): string {
  if (env.npm_command === 'exec') return 'npx winesitting-hooks';
  if (script === undefined) return 'winesitting-hooks';
  const installed = script.split(/[\\/]/).includes('node_modules');
  const onPath = (env.PATH ?? env.Path ?? '').split(delimiter).some((folder) => folder !== '' && relative(folder, dirname(script)) === '');
  if (installed) return 'winesitting-hooks';
  if (onPath) return basename(script);
  const shown = relative(cwd, script);
  const path = shown.startsWith('..') || isAbsolute(shown) ? script : shown.includes(sep) ? shown : `.${sep}${shown}`;
  return script.endsWith('.js') ? `node ${quoteArgument(path)}` : quoteArgument(path);
}

/** A path as one shell argument: double quotes where it holds spaces or shell characters (the same in POSIX shells, cmd and PowerShell). */
export function quoteArgument(text: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(text) ? text : `"${text}"`;
}
