import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../dist/handler/index.js', import.meta.url));

/** Every bare module the built file imports, following its relative imports. */
async function packagesImported(file: string, seen = new Set<string>()): Promise<Set<string>> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  for (const [, specifier] of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) {
    if (specifier!.startsWith('.')) for (const p of await packagesImported(resolve(dirname(file), specifier!), seen)) packages.add(p);
    else packages.add(specifier!);
  }
  for (const [, specifier] of text.matchAll(/import\('([^']+)'\)/g)) packages.add(specifier!);
  return packages;
}

describe('winesitting-hooks/handler (built)', () => {
  it('imports zod and Node built-ins only: no framework, no Redis client, none of the CLI (commander, chalk, ora, undici)', async () => {
    const packages = [...(await packagesImported(entry))].filter((p) => !p.startsWith('node:'));
    expect(packages).toEqual(['zod']);
  });
});
