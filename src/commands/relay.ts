import type { Io } from '../io.js';
export async function run(_flags: unknown, io: Io): Promise<number> {
  io.stderr.write('not yet\n');
  return 2;
}
