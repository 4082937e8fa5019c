// Bundles the CLI into dist/ so that each command starts as fast as Node
// allows: the entry and every subcommand are CommonJS files (dist/ has its
// own package.json saying so), one self-contained file per command, loaded
// with require(): a command reads and compiles one file, and the ESM
// loader (about 6 ms, and more per chunk) is never started. The TUI alone
// is ESM (yoga, under ink, awaits its WebAssembly at the top level), in
// dist/tui.mjs with its chunks, loaded with a real import(); ink and react
// are only there. Code loaded on demand inside a command (the mail parser
// for `trailers import`) is a file of its own in dist/lazy/.
// The bundle is written beside dist/ and swapped in, so a process running
// the old build never sees a half-written one.
import { build } from 'esbuild';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const dist = process.env.PP_DIST ?? `${root}dist`;
const tmp = join(dirname(dist), `.dist-new-${process.pid}`);

/** Modules imported with import() inside commands that get a file of their own: name -> source. */
const LAZY = { 'trailers-import': 'src/trailers/import.ts', 'mail-saved': 'src/mail/saved.ts' };
const commands = readdirSync(`${root}bin/commands`)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => basename(f, '.ts'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', __PATCHPILOT_VERSION__: JSON.stringify(pkg.version) },
  // ink loads react-devtools-core only when DEV=true; it is not installed.
  external: ['react-devtools-core'],
};

const rel = (fromDir, file) => {
  const r = relative(fromDir, file);
  return r.startsWith('.') ? r : `./${r}`;
};

/**
 * How a CommonJS file (in outDir) reaches the other files: a subcommand or a
 * lazy module through require(), the TUI through a real import() (esbuild is
 * told dynamic import() is unsupported, so every other import() of an
 * external file becomes a require()).
 */
function links(outDir) {
  return {
    name: 'patchpilot-links',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\/.*(commands\/[\w-]+|tui)\.js$/ }, (a) => {
        const src = join(a.resolveDir, a.path).replace(/\.js$/, '.ts');
        if (src === `${root}bin/tui.ts`) return { path: `__pp_tui__`, external: true };
        const m = /^bin\/commands\/([\w-]+)\.ts$/.exec(relative(root, src));
        if (m && a.kind === 'dynamic-import') return { path: rel(outDir, `${tmp}/commands/${m[1]}.js`), external: true };
        return undefined;
      });
      for (const [name, src] of Object.entries(LAZY)) {
        const base = basename(src, '.ts');
        b.onResolve({ filter: new RegExp(`/${base}\\.js$`) }, (a) => {
          if (a.kind !== 'dynamic-import' || join(a.resolveDir, a.path).replace(/\.js$/, '.ts') !== `${root}${src}`) return undefined;
          return { path: rel(outDir, `${tmp}/lazy/${name}.js`), external: true };
        });
      }
      // A real import() of the TUI's ESM file, relative to this file, that esbuild does not turn into require().
      b.onEnd((r) => {
        for (const f of Object.keys(r.metafile?.outputs ?? {})) {
          const abs = f.startsWith('/') ? f : join(process.cwd(), f);
          let text;
          try {
            text = readFileSync(abs, 'utf8');
          } catch {
            continue;
          }
          // Our own files are CommonJS modules with an __esModule marker: their exports are the module's.
          text = text.replace(/__toESM\(require\("(\.\.?\/[^"]+\.js)"\)(?:, 1)?\)/g, 'require("$1")');
          // The entry loads the subcommands through bin/code-cache.ts (V8's code cache).
          if (abs === join(tmp, 'patchpilot.js')) text = text.replace(/require\("(\.\/commands\/[\w-]+\.js)"\)/g, 'globalThis.__ppLoadCommand("$1")');
          const to = rel(dirname(abs), `${tmp}/tui.mjs`);
          text = text.replace(/Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\("__pp_tui__"\)(?:, 1)?\)\)/g, `import(${JSON.stringify(to)})`);
          if (text.includes('__pp_tui__')) throw new Error(`${abs}: cannot rewrite the import of the TUI`);
          writeFileSync(abs, text);
        }
      });
    },
  };
}

const cjs = (entryPoints, outdir) =>
  build({
    ...common,
    entryPoints,
    outdir,
    format: 'cjs',
    metafile: true,
    supported: { 'dynamic-import': false },
    plugins: [links(outdir)],
  });

await Promise.all([
  cjs({ patchpilot: `${root}bin/patchpilot.ts` }, tmp),
  cjs(Object.fromEntries(commands.map((c) => [c, `${root}bin/commands/${c}.ts`])), `${tmp}/commands`),
  cjs(Object.fromEntries(Object.entries(LAZY).map(([n, s]) => [n, `${root}${s}`])), `${tmp}/lazy`),
  build({
    ...common,
    entryPoints: { tui: `${root}bin/tui.ts` },
    outdir: tmp,
    format: 'esm',
    splitting: true,
    chunkNames: 'tui-chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // yoga's WebAssembly loader asks \`typeof fetch\` although its binary is inline: in Node 20 that first look at
    // fetch loads undici (10-15 ms before the first frame). Nothing in the TUI fetches anything.
    define: { ...common.define, fetch: 'undefined' },
    // CommonJS packages inside an ESM bundle still call require() for node builtins.
    banner: { js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);" },
  }),
]);
writeFileSync(`${tmp}/package.json`, `${JSON.stringify({ type: 'commonjs', private: true }, null, 2)}\n`);
const old = join(dirname(dist), `.dist-old-${process.pid}`);
try {
  renameSync(dist, old);
} catch {}
renameSync(tmp, dist);
rmSync(old, { recursive: true, force: true });
