import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReadOnlyFolder {
  path: string;
  /** Pass to `runCli`: true when only a run as user nobody finds the folder read-only. */
  unprivileged: boolean;
  release(): void;
}

/**
 * A folder that exists and that the CLI cannot write. Root ignores file modes, so as root
 * the folder is a read-only bind mount of itself (or, where mounting is not allowed, the CLI
 * runs as user nobody); otherwise mode 555 is enough. Checked before it is handed out, so a
 * test using it cannot pass because the folder was writable after all.
 */
export async function readOnlyFolder(): Promise<ReadOnlyFolder> {
  const parent = await mkdtemp(join(tmpdir(), 'ws-read-only-'));
  await chmod(parent, 0o755);
  const path = join(parent, 'read-only');
  await mkdir(path);
  await chmod(path, 0o555);
  if (process.getuid?.() !== 0) return { path, unprivileged: false, release: () => undefined };
  const release = () => {
    try {
      execFileSync('umount', [path], { stdio: 'ignore' });
    } catch {
      // Not mounted.
    }
  };
  try {
    execFileSync('mount', ['--bind', path, path], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,bind,ro', path, path], { stdio: 'ignore' });
  } catch {
    release();
    return { path, unprivileged: true, release };
  }
  const written = await writeFile(join(path, 'probe'), '').then(
    () => true,
    () => false,
  );
  if (written) throw new Error(`${path} is still writable after a read-only mount`);
  return { path, unprivileged: false, release };
}
