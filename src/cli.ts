import { readFileSync } from 'node:fs';
import { debugEnabled, processIo, type Io } from './io.js';

/**
 * The program as a function: argv in, exit code out. `--version` answers without
 * loading anything else; every command loads its own modules only when it runs.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
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

function reportError(error: unknown, io: Io): number {
  const exitCode = typeof (error as { exitCode?: unknown })?.exitCode === 'number' ? (error as { exitCode: number }).exitCode : 1;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`Error: ${message}\n`);
  if (debugEnabled(io.env) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else if (exitCode === 1 && !(error as { expected?: boolean })?.expected) {
    io.stderr.write('Set DEBUG=winesitting-hooks to see the stack trace.\n');
  }
  return exitCode;
}

let cachedVersion: string | undefined;
function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}
