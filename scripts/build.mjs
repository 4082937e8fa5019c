// Bundles the CLI into dist/ so that each command starts as fast as Node
// allows: every file is CommonJS (dist/ has its own package.json saying
// so), one self-contained file per command, loaded with require() through
// V8's code cache (bin/code-cache.ts): a command reads one file and
// compiles little, and the ESM loader (about 6 ms, and more per chunk) is
// never started. The TUI is one CommonJS file too (dist/tui.js: ink and
// react are only there), except yoga, which awaits its WebAssembly at the
// top level and so stays an ES module (dist/yoga.mjs) that the entry
// imports first. Code loaded on demand inside a command (the mail parser
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
      b.onResolve({ filter: /^\.\.?\/.*(commands\/[\w-]+|tui|tui-ink)\.js$/ }, (a) => {
        const src = join(a.resolveDir, a.path).replace(/\.js$/, '.ts');
        if (src === `${root}bin/tui.ts`) return { path: `__pp_tui__`, external: true };
        if (src === `${root}bin/tui-ink.ts`) return { path: `__pp_tui_ink__`, external: true };
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
          // The TUI's CommonJS file (bin/code-cache.ts); then, from it, yoga's ESM module (it awaits its WebAssembly) and ink's part.
          text = text.replace(/Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\("__pp_tui__"\)(?:, 1)?\)\)/g, 'globalThis.__ppLoadTui()');
          text = text.replace(/Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\("__pp_tui_ink__"\)(?:, 1)?\)\)/g, 'globalThis.__ppLoadInk()');
          if (/__pp_tui(_ink)?__/.test(text)) throw new Error(`${abs}: cannot rewrite the import of the TUI`);
          writeFileSync(abs, text);
        }
      });
    },
  };
}

/**
 * ink in a CommonJS file: its only top-level awaits load react-devtools when DEV=true (not installed here) and
 * read its package.json for devtools; both go, and yoga-layout is the instance the entry loaded (globalThis.__ppYoga).
 */
const inkWithoutAwait = {
  name: 'ink-without-await',
  setup(b) {
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga', namespace: 'pp-yoga' }));
    b.onLoad({ filter: /.*/, namespace: 'pp-yoga' }, () => ({ contents: 'export default globalThis.__ppYoga;', loader: 'js' }));
    b.onLoad({ filter: /node_modules\/ink\/build\/reconciler\.js$/ }, (a) => {
      let text = readFileSync(a.path, 'utf8');
      const dev = text.indexOf('if (isDev()) {\n    try {\n        await import(');
      const end = text.indexOf('\nconst diff = ', dev);
      if (dev < 0 || end < 0) throw new Error('ink reconciler.js changed: cannot remove its top-level await');
      text = text.slice(0, dev) + text.slice(end);
      const pj = 'const packageJson = isDev()\n    ? await loadPackageJson()\n    : { name: undefined, version: undefined };';
      if (!text.includes(pj)) throw new Error('ink reconciler.js changed: cannot remove its top-level await');
      text = text.replace(pj, 'const packageJson = { name: undefined, version: undefined };');
      return { contents: text, loader: 'js' };
    });
  },
};

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
  // The TUI in two files: what draws its first frames (the series, the checklist) and performs effects, and ink's part.
  // They share only plain data and pure functions (the reducer, the rows), so that each may have its own copy.
  cjs({ tui: `${root}bin/tui.ts` }, tmp),
  build({
    ...common,
    entryPoints: { 'tui-ink': `${root}bin/tui-ink.ts` },
    outdir: tmp,
    format: 'cjs',
    metafile: true,
    supported: { 'dynamic-import': false },
    // yoga's WebAssembly loader asks \`typeof fetch\` although its binary is inline: in Node 20 that first look at
    // fetch loads undici (10-15 ms before the first frame). Nothing in the TUI fetches anything.
    define: { ...common.define, fetch: 'undefined' },
    plugins: [links(tmp), inkWithoutAwait],
  }),
  // yoga awaits its WebAssembly at the top level, which CommonJS cannot: it alone stays ESM, loaded before the TUI.
  build({
    ...common,
    stdin: { contents: "export { default } from 'yoga-layout';", resolveDir: root, sourcefile: 'yoga-entry.js' },
    outfile: `${tmp}/yoga.mjs`,
    format: 'esm',
    define: { ...common.define, fetch: 'undefined' },
  }),
]);
writeFileSync(`${tmp}/package.json`, `${JSON.stringify({ type: 'commonjs', private: true }, null, 2)}\n`);
const old = join(dirname(dist), `.dist-old-${process.pid}`);
try {
  renameSync(dist, old);
} catch {}
renameSync(tmp, dist);
rmSync(old, { recursive: true, force: true });
