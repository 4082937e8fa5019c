import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeclaration, tailComments, unorderedDeclarations, type ScannedFile } from '../../src/acceptance/profiles/code-scan.js';
import { splitSubject } from '../../src/acceptance/profiles/common.js';
import { topicOf } from '../../src/acceptance/profiles/kvm-x86.js';

const file = (text: string, added?: number[]): ScannedFile => {
  const lines = text.split('\n');
  return { path: 'drivers/net/x.c', lines, added: new Set(added ?? lines.map((_, i) => i + 1)) };
};

test('declarations are told from statements', () => {
  for (const d of [
    '\tint err;',
    '\tstruct sk_buff *skb;',
    '\tunsigned long flags = 0;',
    '\tconst struct foo *f = bar(x, y);',
    '\tu8 addr[ETH_ALEN];',
    '\tint i, j = 0;',
    '\tchar **argv;',
  ])
    assert.ok(isDeclaration(d), d);
  for (const s of ['\treturn err;', '\terr = foo();', '\tfoo(bar);', '\tgoto out;', '\tx *= 2;', 'int global;', '\tif (x) y;', '\telse z;'])
    assert.ok(!isDeclaration(s), s);
});

test('a block at the top of a function not longest-first is found with its first line; ordered blocks are not', () => {
  const bad = file('static int f(void)\n{\n\tint err;\n\tstruct sk_buff *skb;\n\n\treturn 0;\n}');
  assert.deepEqual(
    unorderedDeclarations([bad], () => true).map((b) => [b.line, b.lines[b.bad]]),
    [[3, 'struct sk_buff *skb;']],
  );
  const good = file('static int f(void)\n{\n\tstruct sk_buff *skb;\n\tint err;\n\n\treturn 0;\n}');
  assert.deepEqual(
    unorderedDeclarations([good], () => true),
    [],
  );
});

test('struct bodies, initializers, untouched blocks and other files are left alone', () => {
  const s = file('struct foo {\n\tint a;\n\tstruct bar *long_name;\n};\nstatic struct x y = {\n\tint a;\n\tlong bbbbbbbbbbb;\n};');
  assert.deepEqual(
    unorderedDeclarations([s], () => true),
    [],
  );
  const untouched = file('static int f(void)\n{\n\tint err;\n\tstruct sk_buff *skb;\n\n\treturn 0;\n}', [6]);
  assert.deepEqual(
    unorderedDeclarations([untouched], () => true),
    [],
  );
  const inner = file('static int f(void)\n{\n\tif (x) {\n\t\tint e;\n\t\tstruct sk_buff *skb;\n\t}\n}');
  assert.equal(unorderedDeclarations([inner], () => true).length, 1);
  assert.deepEqual(
    unorderedDeclarations([inner], () => false),
    [],
  );
});

test('tail comments after code are found in .c files only', () => {
  const f = file('int x = 1; /* why */\n/* alone */\nint y; // why\n\tfoo();');
  assert.deepEqual(
    tailComments([f], () => true).map((t) => t.line),
    [1, 3],
  );
  assert.deepEqual(
    tailComments([{ ...f, path: 'x.h' }], () => true),
    [],
  );
});

test('subjects split into scopes; KVM topics from paths', () => {
  assert.deepEqual(splitSubject('KVM: x86/mmu: Fix a thing: really'), { scopes: ['KVM', 'x86/mmu'], rest: 'Fix a thing: really' });
  assert.deepEqual(splitSubject('net: foo: Add open'), { scopes: ['net', 'foo'], rest: 'Add open' });
  assert.equal(topicOf('arch/x86/kvm/vmx/nested.c'), 'nVMX');
  assert.equal(topicOf('arch/x86/kvm/svm/sev.c'), 'SVM');
  assert.equal(topicOf('arch/x86/kvm/mmu/mmu.c'), 'x86/mmu');
  assert.equal(topicOf('arch/x86/kvm/x86.c'), 'x86');
});
