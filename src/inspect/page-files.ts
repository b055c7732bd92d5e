import { readFile, readdir } from 'node:fs/promises';
import { extname } from 'node:path';

export interface PageFile {
  type: string;
  body: Buffer;
}

/** Built by `npm run build` (scripts/build-inspector.mjs); the same path from `src/inspect/` and `dist/inspect/`. */
const PAGE_DIR = new URL('../../dist/inspect/page/', import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The page's files by name, read once: they ship inside the package, nothing comes from elsewhere. */
export async function loadPageFiles(dir: URL = PAGE_DIR): Promise<Map<string, PageFile>> {
  const files = new Map<string, PageFile>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return files;
  }
  await Promise.all(
    names
      .filter((name) => TYPES[extname(name)])
      .map(async (name) => files.set(name, { type: TYPES[extname(name)]!, body: await readFile(new URL(name, dir)) })),
  );
  return files;
}
