// Builds the inspector page (`listen`'s /_inspect/) into dist/inspect/page/: one script, one
// style sheet and the HTML, bundled and minified, so the page loads nothing from elsewhere.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const source = new URL('../src/inspect/page/', import.meta.url);
const out = new URL('../dist/inspect/page/', import.meta.url);
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: new URL('main.ts', source).pathname, style: new URL('style.css', source).pathname },
  outdir: out.pathname,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(new URL('index.html', source), new URL('index.html', out));
