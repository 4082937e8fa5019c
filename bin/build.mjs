// Bundles the CLI into dist/ so that it starts without resolving hundreds of
// modules; ink and react land in a separate chunk that only the TUI loads.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { patchpilot: new URL('./patchpilot.ts', import.meta.url).pathname },
  outdir: new URL('../dist', import.meta.url).pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"', __PATCHPILOT_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS packages inside an ESM bundle still call require() for node builtins.
  banner: { js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
