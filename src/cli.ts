import { readFileSync } from 'node:fs';
import { debugEnabled } from './defaults.js';
import { CliError } from './errors.js';
import type { Io } from './io.js';

/**
 * The program as a function: argv in, exit code out. `--version` answers without
 * loading anything else; every command loads its own modules only when it runs.
 */
export async function main(argv: string[], io?: Io): Promise<number> {
  io ??= (await import('./process-io.js')).processIo();
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const { CommanderError } = await import('commander');
  const { buildProgram } = await import('./program.js');
  const run = { exitCode: 0 };
  const program = buildProgram(io, version(), run);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, io);
  }
}

/** The one place errors become messages and exit codes: a CliError is expected and says enough; anything else is a defect. */
function reportError(error: unknown, io: Io): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`Error: ${message}\n`);
  if (debugEnabled(io.env) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  if (error instanceof CliError) return error.exitCode;
  if (!debugEnabled(io.env)) io.stderr.write('Set DEBUG=winesitting-hooks to see the stack trace.\n');
  return 1;
}

let cachedVersion: string | undefined;
function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}
