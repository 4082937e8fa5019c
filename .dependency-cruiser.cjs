/**
 * The layering of patchpilot, checked by `npm run lint:layers` (and CI).
 *
 *   src/         the domain and the operations (src/ops): no terminal UI, no command line
 *   bin/         the command-line face: parse argv, call src/, print
 *   components/  the terminal UI face (ink): views, reducer, controller/ calling src/ops
 *
 * Both faces depend on src/, never the other way round, and the TUI never goes through the CLI.
 * Only src/git/git.ts runs git, so every git command line is spelled in one place.
 * See CONTRIBUTING.md for the reasons and for how a keypress and a command flow through the layers.
 */
// Packages are matched by their resolved path (node_modules/<name>/...) or, when unresolved, by their name.
const pkg = (names) => `(^|node_modules/)(${names})(/|$)`;
const UI_PACKAGES = pkg('ink|ink-[^/]+|react|react-dom|react-reconciler|@inkjs/[^/]+');
// Not a dependency any more (git.ts spawns git itself); should it come back, the same rules hold.
const SIMPLE_GIT = pkg('simple-git');
const PROCESS_SPAWN = ['^(node:)?child_process$', SIMPLE_GIT];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules that should be separable; type-only imports count (they tie the design, not just the runtime).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'src-not-to-faces',
      severity: 'error',
      comment: 'The domain and the operations serve both faces; they never reach into the CLI (bin/) or the TUI (components/).',
      from: { path: '^src/' },
      to: { path: '^(bin|components)/' },
    },
    {
      name: 'src-no-ui-packages',
      severity: 'error',
      comment: 'The domain loads no ink or react: commands that do not draw must not pay for them.',
      from: { path: '^src/' },
      to: { path: UI_PACKAGES },
    },
    {
      name: 'ui-packages-only-in-tui',
      severity: 'error',
      comment: 'ink and react are loaded by the TUI alone (components/ and bin/tui-ink.ts, which bin/tui.ts loads after its first frames).',
      from: { path: '^(bin|test/unit|test/integration)/', pathNot: '^bin/tui-ink\\.ts$' },
      to: { path: UI_PACKAGES },
    },
    {
      name: 'components-not-to-cli',
      severity: 'error',
      comment: 'The TUI calls the operations in src/ops directly; it never runs a CLI command nor parses its output.',
      from: { path: '^components/' },
      to: { path: '^bin/' },
    },
    {
      name: 'cli-to-components-only-via-tui',
      severity: 'error',
      comment: 'bin/tui.ts (and bin/tui-ink.ts, the part with ink) is the one door from the command line into the TUI, so that other commands never load it.',
      from: { path: '^bin/', pathNot: '^bin/tui(-ink)?\\.ts$' },
      to: { path: '^components/' },
    },
    {
      name: 'components-no-git-no-files',
      severity: 'error',
      comment: 'The TUI shows data and sends actions: reading the repository and writing files belong to src/ (through src/ops).',
      from: { path: '^components/' },
      to: { path: ['^(node:)?(fs|fs/promises|child_process)$', SIMPLE_GIT, '^src/git/'] },
    },
    {
      name: 'git-only-in-git-ts',
      severity: 'error',
      comment:
        'Only src/git/git.ts runs git (class Git), so every git command line is built in one place. Two modules spawn other programs ' +
        'and are allowed: src/editor.ts runs $EDITOR on the terminal, src/acceptance/checkpatch.ts runs perl on scripts/checkpatch.pl.',
      from: { path: '^(src|bin|components)/', pathNot: '^(src/git/git\\.ts|src/editor\\.ts|src/acceptance/checkpatch\\.ts)$' },
      to: { path: PROCESS_SPAWN },
    },
    {
      name: 'unit-tests-need-no-repository',
      severity: 'error',
      comment:
        'test/unit/ is the fast subset: pure functions, no git repository, no CLI run (a tiny helper process such as mkfifo is fine). ' +
        'Tests that need a repository or the CLI go to test/integration/.',
      from: { path: '^test/unit/' },
      // src/git/git.ts runs git and src/git/repo.ts opens a repository; the rest of src/git/ (a file cache) is fair game.
      to: { path: ['^test/helpers/(repo|rewrite-fixture|acceptance-tree|tui-fixture)', '^src/git/(git|repo)\\.ts$'] },
    },
  ],
  options: {
    // Type-only imports are dependencies of the design too (a type import once tied 22 files into one cycle).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // ink and ink-testing-library publish ESM-only "exports"; resolve them as Node does.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed but stays visible, so rules about packages apply.
    exclude: { path: '^(dist|tools)/' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
