// Bundles the CLI into dist/ so that it starts without resolving hundreds of
// modules; ink and react land in a separate chunk that only the TUI loads.
// The bundle is written beside dist/ and swapped in, so a process running
// the old build never sees a half-written one.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const tmp = `${root}.dist-${process.pid}`;
await build({
  entryPoints: { patchpilot: `${root}bin/patchpilot.ts` },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"', __PATCHPILOT_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS packages inside an ESM bundle still call require() for node builtins.
  banner: { js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  // ink loads react-devtools-core only when DEV=true; it is not installed.
  external: ['react-devtools-core'],
});
const old = `${root}.dist-old-${process.pid}`;
try {
  renameSync(`${root}dist`, old);
} catch {}
renameSync(tmp, `${root}dist`);
rmSync(old, { recursive: true, force: true });
