// parseHunks reads files and hunks exactly as parse-diff does (its rules ported), on every kind of git diff.
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import parseDiff from 'parse-diff';
import { parseHunks, parsePatch } from '../../src/series/diff.js';

const SAMPLES: Record<string, string> = {
  modify: `diff --git a/drv/a.c b/drv/a.c
index 1111111..2222222 100644
--- a/drv/a.c
+++ b/drv/a.c
@@ -1,4 +1,5 @@
 int a;
--- a comment that starts with dashes
+++ a line that starts with pluses
+int b;
 int c;
@@ -10 +11,2 @@ static int f(void)
-old
+new
+newer
`,
  added: `diff --git a/new.h b/new.h
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.h
@@ -0,0 +1,2 @@
+#include <linux/pci.h>
+int x;
`,
  deleted: `diff --git a/old.c b/old.c
deleted file mode 100644
index 4444444..0000000
--- a/old.c
+++ /dev/null
@@ -1,2 +0,0 @@
-int y;
-int z;
`,
  renamed: `diff --git a/x/one.c b/y/two.c
similarity index 90%
rename from x/one.c
rename to y/two.c
index 5555555..6666666 100644
--- a/x/one.c
+++ b/y/two.c
@@ -3,3 +3,3 @@
 a
-b
+B
 c
diff --git a/p.c b/q.c
similarity index 100%
rename from p.c
rename to q.c
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
`,
  binary: `diff --git a/fw.bin b/fw.bin
new file mode 100644
index 0000000..7777777
Binary files /dev/null and b/fw.bin differ
diff --git a/t.c b/t.c
index 8888888..9999999 100644
--- a/t.c
+++ b/t.c
@@ -1 +1 @@
-x
\\ No newline at end of file
+y
\\ No newline at end of file
`,
  quoted: `diff --git "a/sp ace/\\303\\251.c" "b/sp ace/\\303\\251.c"
index aaaaaaa..bbbbbbb 100644
--- "a/sp ace/\\303\\251.c"
+++ "b/sp ace/\\303\\251.c"
@@ -1,2 +1,3 @@
 one
+two
 three
`,
  blankContext: `diff --git a/d.txt b/d.txt
index ccccccc..ddddddd 100644
--- a/d.txt
+++ b/d.txt
@@ -1,3 +1,4 @@
 first

+inserted
 last
`,
};

function fromParseDiff(text: string) {
  return parseDiff(text).map((f) => ({
    from: f.from,
    to: f.to,
    new: f.new,
    deleted: f.deleted,
    additions: f.additions,
    deletions: f.deletions,
    adds: f.chunks.flatMap((c) => c.changes.filter((ch) => ch.type === 'add').map((ch) => ({ ln: (ch as { ln: number }).ln, content: ch.content }))),
  }));
}

function ours(text: string) {
  return parseHunks(text).map((f) => ({ ...f, new: f.new, deleted: f.deleted }));
}

it('reads every sample as parse-diff does', () => {
  for (const [name, text] of Object.entries(SAMPLES)) assert.deepEqual(ours(text), fromParseDiff(text), name);
  const all = Object.values(SAMPLES).join('');
  assert.deepEqual(ours(all), fromParseDiff(all), 'all at once');
});

it('reads a long generated patch as parse-diff does', () => {
  let text = '';
  for (let f = 0; f < 40; f++) {
    text += `diff --git a/f${f}.c b/f${f}.c\nindex 0..1 100644\n--- a/f${f}.c\n+++ b/f${f}.c\n`;
    for (let h = 0; h < 5; h++) {
      const lines = [' ctx', `-old ${h}`, `+new ${h}`, `+more ${h}`, ' ctx', f % 3 ? '-gone' : ' keep'];
      const oldN = lines.filter((l) => !l.startsWith('+')).length;
      const newN = lines.filter((l) => !l.startsWith('-')).length;
      text += `@@ -${h * 20 + 1},${oldN} +${h * 21 + 1},${newN} @@\n${lines.join('\n')}\n`;
    }
  }
  assert.deepEqual(ours(text), fromParseDiff(text));
});

it('gives the files of a patch with status, counts and added lines', () => {
  const files = parsePatch(SAMPLES.renamed! + SAMPLES.added!);
  assert.deepEqual(
    files.map((f) => [f.path, f.status, f.oldPath, f.additions, f.deletions, f.added.length]),
    [
      ['y/two.c', 'R', 'x/one.c', 1, 1, 1],
      ['q.c', 'R', 'p.c', 0, 0, 0],
      ['run.sh', 'M', undefined, 0, 0, 0],
      ['new.h', 'A', undefined, 2, 0, 2],
    ],
  );
});
