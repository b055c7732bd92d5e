import { CASE_NAMES } from '../check/case-names.js';
import { runCheck } from '../check/run-check.js';
import { defaultTarget } from '../defaults.js';
import { UsageError } from '../errors.js';
import { outputFileProblem } from '../fs/output-file-problem.js';
import { writeFileDurably } from '../fs/write-file-durably.js';
import { randomSeed } from '../events/random.js';
import type { Io } from '../io.js';
import { checkReporter, formatJunit } from '../render/check-report.js';
import { paintFor } from '../terminal/paint-for.js';

interface CheckFlags {
  to?: string;
  only?: string[];
  budget: number;
  timeout: number;
  json?: boolean;
  junit?: string;
}

export async function run(flags: CheckFlags, io: Io): Promise<number> {
  const unknown = (flags.only ?? []).filter((name) => !(CASE_NAMES as string[]).includes(name));
  if (unknown.length) throw new UsageError(`Unknown case ${unknown.map((n) => `"${n}"`).join(', ')}. Cases: ${CASE_NAMES.join(', ')}.`);
  if (flags.junit) {
    const problem = await outputFileProblem(flags.junit);
    if (problem) throw new UsageError(`Cannot write the JUnit report to ${flags.junit}: ${problem}. Give --junit a file in a folder you can write to.`);
  }
  const url = flags.to ?? defaultTarget(io.env);
  const report = checkReporter(Boolean(flags.json), await paintFor(io.stdout, io.env));
  if (!flags.json) io.stderr.write(`Checking ${url} as WineSitting would: no retries, duplicates, bursts (budget ${flags.budget} ms)\n`);
  const results = await runCheck({
    url,
    budget: flags.budget,
    timeout: flags.timeout,
    seed: randomSeed(),
    only: flags.only,
    onCase: (result) => io.stdout.write(report.case(result)),
  });
  io.stdout.write(report.summary(results));
  if (flags.junit) {
    try {
      // A CI job reading the report after a crash finds the previous one or this one, never half of it.
      await writeFileDurably(flags.junit, formatJunit(results, url));
    } catch (error) {
      io.stderr.write(`Could not write the JUnit report to ${flags.junit}: ${(error as Error).message}. Check the path.\n`);
      return 1;
    }
  }
  return results.some((r) => !r.passed) ? 1 : 0;
}
