import { plain, type Paint } from '../render/paint.js';

/** NO_COLOR and FORCE_COLOR win; otherwise colour only on a terminal. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export async function paintFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Promise<Paint> {
  if (!colorEnabled(stream, env)) return plain;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { ok: chalk.green, fail: chalk.red, warn: chalk.yellow, dim: chalk.dim, bold: chalk.bold, accent: chalk.cyan };
}
