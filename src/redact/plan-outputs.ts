import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { folderProblem } from '../fs/folder-problem.js';

export interface PlannedFile {
  file: string;
  /** Where its redacted copy goes: under `--out`, or the file itself with `--in-place`. */
  output: string;
}

/**
 * Where each file's redacted copy goes: under `out`, in the layout the inputs have below
 * the deepest folder holding them all (a folder given is its own root), so that `redact
 * recorded --out safe` gives `safe/<what recorded holds>`. Refuses, before any work, an
 * `out` that is or lies inside an input folder, or would replace an input file, and one
 * that cannot be written.
 */
export async function planOutputs(paths: string[], files: string[], out: string | null): Promise<PlannedFile[]> {
  const unique = [...new Set(files)];
  if (out === null) return unique.map((file) => ({ file, output: file }));
  const inputs = await Promise.all(paths.map(async (path) => ({ path, folder: (await stat(path)).isDirectory() })));
  const outFolder = resolve(out);
  for (const { path, folder } of inputs) {
    if (folder && isWithin(outFolder, resolve(path))) {
      throw new UsageError(
        `--out ${out} is inside ${path}, a folder being redacted: choose a folder outside it (the redacted copies would be read as input next time), or use --in-place.`,
      );
    }
  }
  const base = commonFolder(inputs.map(({ path, folder }) => (folder ? resolve(path) : dirname(resolve(path)))));
  const planned = unique.map((file) => ({ file, output: join(out, relative(base, resolve(file))) }));
  const clash = planned.find(({ file, output }) => resolve(file) === resolve(output));
  if (clash) throw new UsageError(`--out ${out} would replace ${clash.file}, which is being redacted: choose another folder, or use --in-place.`);
  const problem = await folderProblem(out);
  if (problem !== null) throw new UsageError(`Cannot write to ${out} (--out): ${problem}. Choose a folder you can write, or fix its permissions.`);
  return planned;
}

/** The deepest folder holding all of `folders` (absolute paths). */
export function commonFolder(folders: string[]): string {
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (!isWithin(folder, common)) {
      const parent = dirname(common);
      // Another drive (Windows): no folder holds both.
      if (parent === common) return common;
      common = parent;
    }
  }
  return common;
}

/** `path` is `folder` or lies inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}
