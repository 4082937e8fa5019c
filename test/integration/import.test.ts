import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { runCli, scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import { commitsOf, makeSeries } from '../helpers/rewrite-fixture.js';
import { parsePatchSubject, planImport, planImportFile, replyTrailerLines } from '../../src/trailers/import.js';
import { readMail, splitMbox } from '../../src/mail/saved.js';
import { openBranch, type TrailerPlan } from '../../src/trailers/actions.js';
import { updateState } from '../../src/store/state.js';
import { UsageError } from '../../src/errors.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-import-');
const tmp = scratchpad.dir();
/** Three commits being prepared as v2, the version of THREAD's patches; versioned: false leaves them v1. */
function series(opts: { versioned?: boolean } = {}): TestRepo {
  const r = makeSeries(3, { dir: scratchpad.dir() });
  if (opts.versioned !== false) {
    updateState(join(r.dir, '.git'), 'topic', (s) => {
      s.version = 2;
    });
  }
  return r;
}

interface Msg {
  id: string;
  from: string;
  subject: string;
  body: string;
  inReplyTo?: string;
  references?: string[];
  minute: number;
  headers?: string[];
}

function mail(m: Msg): string {
  return [
    `From: ${m.from}`,
    'To: Test Author <author@test.example>',
    `Subject: ${m.subject}`,
    `Date: Thu, 01 Jan 2026 10:${String(m.minute).padStart(2, '0')}:00 +0000`,
    `Message-ID: <${m.id}>`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references ? [`References: ${m.references.map((r) => `<${r}>`).join('\n ')}`] : []),
    ...(m.headers ?? ['Content-Type: text/plain; charset=utf-8']),
    '',
    m.body,
  ].join('\n');
}

const patch = (i: number): Msg => ({
  id: `p${i}@example.org`,
  from: 'Test Author <author@test.example>',
  subject: `[PATCH v2 ${i}/3] subsys: change number ${i}`,
  body: `Why change ${i} is needed.\n\nSigned-off-by: Test Author <author@test.example>\nReviewed-by: Old Review <old@example.org>\n---\n f${i} | 1 +\n`,
  inReplyTo: 'cover@example.org',
  references: ['cover@example.org'],
  minute: i,
});

const THREAD: Msg[] = [
  {
    id: 'cover@example.org',
    from: 'Test Author <author@test.example>',
    subject: '[PATCH v2 0/3] subsys: three changes',
    body: 'Cover text.\n\nAcked-by: Not From Reply <nfr@example.org>\n',
    minute: 0,
  },
  patch(1),
  patch(2),
  patch(3),
  {
    id: 'ack@example.org',
    from: 'Al Acker <al@example.org>',
    subject: 'Re: [PATCH v2 0/3] subsys: three changes',
    body: 'On Thu, Test Author wrote:\n> Cover text.\n\nFor the series:\nAcked-by: Al Acker <al@example.org>\n',
    inReplyTo: 'cover@example.org',
    references: ['cover@example.org'],
    minute: 10,
  },
  {
    id: 'r2@example.org',
    from: 'Rita Reviewer <rita@example.org>',
    subject: 'Re: [PATCH v2 2/3] subsys: change number 2',
    body: '> Signed-off-by: Test Author <author@test.example>\n> Reviewed-by: Quoted Person <quoted@example.org>\n\nLooks right.\n\nReviewed-by: Rita Reviewer <rita@example.org>\n\n-- \nRita\nTested-by: Signature Line <sig@example.org>\n',
    inReplyTo: 'p2@example.org',
    references: ['cover@example.org', 'p2@example.org'],
    minute: 11,
  },
  {
    // A reply to a reply, with only In-Reply-To to go on.
    id: 'tom@example.org',
    from: 'Tom Tester <tom@example.org>',
    subject: 'Re: Re: something else entirely',
    body: 'Same here.\n\nTested-by: Tom Tester <tom@example.org>\n',
    inReplyTo: 'r2@example.org',
    minute: 12,
  },
  {
    id: 'mallory@example.org',
    from: 'Mallory <mallory@evil.example>',
    subject: 'Re: [PATCH v2 3/3] subsys: change number 3',
    body: 'Reviewed-by: Rita Reviewer <rita@example.org>\nReviewd-by: Mallory <mallory@evil.example>\n',
    inReplyTo: 'p3@example.org',
    references: ['cover@example.org', 'p3@example.org'],
    minute: 13,
  },
  {
    id: 'zoe@example.org',
    from: '=?UTF-8?Q?Zo=C3=AB_=C3=9Cnl=C3=BC?= <zoe@example.org>',
    subject: '=?UTF-8?Q?Re=3A_=5BPATCH_v2_1=2F3=5D_subsys=3A_change_number_1?=',
    headers: ['MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
    body: 'Ran it on two machines, w=\norks.\n\nTested-by: Zo=C3=AB =C3=9Cnl=C3=BC <zoe@example.org>\n',
    minute: 14,
  },
];

function mbox(msgs: Msg[]): string {
  return msgs.map((m) => `From ${m.id} Thu Jan  1 10:00:00 2026\n${mail(m).replace(/^(>*From )/gm, '>$1')}\n`).join('\n');
}

function summary(plan: TrailerPlan): string[] {
  return plan.entries.map((e) => `${e.subject}: ${e.add.map((t) => `${t.key}: ${t.value} [${t.from?.email}]`).join(' | ')}`);
}

describe('mail reading', () => {
  it('splits an mbox only at From lines after a blank line, undoing >From escapes', () => {
    const text = 'From a@b Thu\nSubject: one\n\nbody\n>From here on\n\nFrom b@c Thu\nSubject: two\n\nx\n';
    const parts = splitMbox(Buffer.from(text));
    assert.equal(parts.length, 2);
    assert.match(parts[0]!.toString(), /\nFrom here on\n/);
    assert.match(parts[1]!.toString(), /^Subject: two/);
  });
  it('decodes encoded words and quoted-printable bodies', async () => {
    const p = join(tmp, 'one.mbox');
    writeFileSync(p, mbox([THREAD[8]!]));
    const [m] = await readMail(p);
    assert.equal(m!.from?.name, 'Zoë Ünlü');
    assert.equal(m!.subject, 'Re: [PATCH v2 1/3] subsys: change number 1');
    assert.match(m!.text, /works\.\n\nTested-by: Zoë Ünlü <zoe@example.org>/);
  });
  it('reads the text part of a multipart reply with a base64 body', async () => {
    const b64 = Buffer.from('Fine by me.\n\nAcked-by: Al Acker <al@example.org>\n').toString('base64');
    const raw = [
      'From: Al Acker <al@example.org>',
      'Subject: Re: [PATCH v2 1/3] subsys: change number 1',
      'Message-ID: <mp@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Fine by me.</p><p>Acked-by: Someone Else &lt;else@example.org&gt;</p>',
      '--b1--',
      '',
    ].join('\r\n');
    const p = join(tmp, 'multipart.eml');
    writeFileSync(p, raw);
    const [m] = await readMail(p);
    assert.deepEqual(replyTrailerLines(m!.text), ['Acked-by: Al Acker <al@example.org>']);
  });

  it('parses patch subjects and keeps quoted lines and signatures out', () => {
    assert.deepEqual(parsePatchSubject('Re: RE: [RFC PATCH net-next v3 02/10] a: b'), {
      reply: true,
      patch: true,
      number: 2,
      total: 10,
      version: 3,
      title: 'a: b',
    });
    assert.deepEqual(replyTrailerLines('> Acked-by: A <a@x.org>\nAcked-by: B <b@x.org>\n--\nAcked-by: C <c@x.org>'), ['Acked-by: B <b@x.org>']);
    assert.deepEqual(replyTrailerLines('Acked-by: B <b@x.org>\n\n-----Original Message-----\nReviewed-by: D <d@x.org>'), ['Acked-by: B <b@x.org>']);
  });
});

describe('trailers import', () => {
  it('plans from an mbox thread: cover replies everywhere, threads, replies to replies, QP, no quoted or signature trailers', async () => {
    const repo = series();
    const p = join(tmp, 'thread.mbox');
    writeFileSync(p, mbox(THREAD));
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planImportFile(ctx, p);
    assert.deepEqual(summary(plan), [
      'subsys: change number 1: Acked-by: Al Acker <al@example.org> [al@example.org] | Tested-by: Zoë Ünlü <zoe@example.org> [zoe@example.org]',
      'subsys: change number 2: Acked-by: Al Acker <al@example.org> [al@example.org] | Reviewed-by: Rita Reviewer <rita@example.org> [rita@example.org] | Tested-by: Tom Tester <tom@example.org> [tom@example.org]',
      'subsys: change number 3: Acked-by: Al Acker <al@example.org> [al@example.org]',
    ]);
    assert.deepEqual(
      plan.skipped.map((s) => `${s.trailer} / ${s.from?.email}: ${s.reason.replace(/ \(.*$/, '')}`),
      [
        'Reviewed-by: Rita Reviewer <rita@example.org> / mallory@evil.example: names rita@example.org but the reply came from mallory@evil.example',
        'Reviewd-by: Mallory <mallory@evil.example> / mallory@evil.example: misspelt key',
      ],
    );
    const accepted = await planImportFile(ctx, p, { acceptMismatch: true });
    assert.match(summary(accepted)[2]!, /Reviewed-by: Rita Reviewer <rita@example.org> \[mallory@evil.example\]/);
  });

  it('matches replies by subject alone in a maildir of replies, and skips what it cannot place', async () => {
    const repo = series();
    const dir = join(tmp, 'maildir');
    for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
    const reply = (id: string, subject: string, body: string, minute: number): string =>
      mail({ id, from: 'Rita Reviewer <rita@example.org>', subject, body, inReplyTo: `${id}-missing-parent`, minute });
    writeFileSync(
      join(dir, 'cur', '1.eml:2,S'),
      reply('m1', 'Re: [PATCH v2 3/3] subsys: change number 3', 'Reviewed-by: Rita Reviewer <rita@example.org>\n', 1),
    );
    writeFileSync(join(dir, 'new', '2.eml'), reply('m2', 'Re: [PATCH 1/2] other: unrelated', 'Reviewed-by: Rita Reviewer <rita@example.org>\n', 2));
    writeFileSync(join(dir, 'tmp', '3.eml'), reply('m3', 'Re: [PATCH v2 2/3] subsys: change number 2', 'Reviewed-by: Rita Reviewer <rita@example.org>\n', 3));
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planImportFile(ctx, dir);
    assert.deepEqual(summary(plan), ['subsys: change number 3: Reviewed-by: Rita Reviewer <rita@example.org> [rita@example.org]']);
    assert.equal(plan.skipped.length, 1);
    assert.match(plan.skipped[0]!.reason, /no commit has the subject "other: unrelated"/);
  });

  it('matches by number when the subject was reworded, and never re-adds what is there', async () => {
    const repo = series();
    const ctx = await openBranch({ repoDir: repo.dir });
    const msgs = await readMail(
      writeMbox('renamed.mbox', [
        {
          id: 'x1',
          from: 'Rita Reviewer <rita@example.org>',
          subject: 'Re: [PATCH v2 2/3] subsys: old wording',
          body: 'Reviewed-by: Rita Reviewer <rita@example.org>\n',
          minute: 1,
        },
      ]),
    );
    const plan = planImport(ctx, msgs);
    assert.deepEqual(summary(plan), ['subsys: change number 2: Reviewed-by: Rita Reviewer <rita@example.org> [rita@example.org]']);
  });

  it('prints the plan, applies it through the CLI, honours --dry-run, and is idempotent', () => {
    const repo = series();
    const p = writeMbox('cli.mbox', THREAD);
    const orig = repo.head();
    const dry = runCli(['trailers', 'import', p, '--dry-run'], { cwd: repo.dir });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\+ Tested-by: Zoë Ünlü <zoe@example.org> {3}\(from Zoë Ünlü <zoe@example.org>\)/);
    assert.match(dry.stdout, /skipped:\n.*mallory@evil\.example/);
    assert.equal(repo.head(), orig);
    const run = runCli(['trailers', 'import', p], { cwd: repo.dir });
    assert.equal(run.code, 0, run.stderr);
    const msgs = commitsOf(repo).map((c) => c.message);
    assert.match(
      msgs[1]!,
      /Why change 2 is needed\.\n\nAcked-by: Al Acker <al@example.org>\nReviewed-by: Rita Reviewer <rita@example.org>\nTested-by: Tom Tester <tom@example.org>\nSigned-off-by: Test Author <author@test.example>\n$/,
    );
    assert.ok(!msgs.join('').includes('Quoted Person') && !msgs.join('').includes('Signature Line') && !msgs.join('').includes('Old Review'));
    const tip = repo.head();
    const again = runCli(['trailers', 'import', p, '--json'], { cwd: repo.dir });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).result, null);
    assert.equal(repo.head(), tip);
  });

  it('refuses a missing file and an empty one, in one line', () => {
    const repo = series();
    const missing = runCli(['trailers', 'import', join(tmp, 'nope.mbox')], { cwd: repo.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^patchpilot: .*no such file or directory.*\n$/);
    const empty = runCli(['trailers', 'import', writeMbox('empty.mbox', [])], { cwd: repo.dir });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /holds no messages/);
  });

  // The first case runs the CLI (exit 2, one line, nothing on stdout); the others are the same refusal of the mail
  // reader, checked on planImportFile (what trailers import calls) in this process.
  it('refuses, in one line, a file that holds no message: plain text, binary, an mbox cut off in its first headers', async () => {
    const repo = series();
    const ctx = await openBranch({ repoDir: repo.dir });
    const full = mbox(THREAD);
    const cases: [string, string | Buffer, RegExp][] = [
      ['text.mbox', 'just text\n', /neither an mbox \(no "From " line opens it\) nor a mail message \(no mail header block\)/],
      ['colon.txt', 'Note: not mail\n\nbody\n', /neither an mbox .* \(no mail header block\)/],
      ['binary.mbox', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x0a, 0x89, 0x50, 0x4e, 0x47]), /neither an mbox/],
      ['cut.mbox', full.slice(0, full.indexOf('Subject:')), /holds no readable message \(.*cut\.mbox message 1: cut off inside its headers\)/],
      ['from-only.mbox', 'From x@y Thu Jan  1 10:00:00 2026\n', /holds no readable message \(.*message 1: no mail header block\)/],
    ];
    for (const [i, [name, content, re]] of cases.entries()) {
      const p = join(tmp, name);
      writeFileSync(p, content);
      if (i === 0) {
        const r = runCli(['trailers', 'import', p, '--dry-run'], { cwd: repo.dir });
        assert.equal(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
        assert.equal(r.stdout, '', name);
        assert.match(r.stderr, /^patchpilot: [^\n]+\n$/, name);
        assert.match(r.stderr, re, name);
      }
      await assert.rejects(planImportFile(ctx, p), (e: Error) => e instanceof UsageError && !e.message.includes('\n') && re.test(e.message), name);
    }
  });

  it('reads what it can of a damaged mbox and lists the rest; reads a gzip-compressed mbox', async () => {
    const repo = series();
    const ctx = await openBranch({ repoDir: repo.dir });
    const good = mbox(THREAD.slice(0, 6));
    const p = join(tmp, 'damaged.mbox');
    writeFileSync(p, `${good}\nFrom x@y Thu Jan  1 10:00:00 2026\nFrom: Cut Off <cut@example.org>\nSubj`);
    const plan = await planImportFile(ctx, p);
    assert.equal(summary(plan).length, 3);
    assert.deepEqual(
      plan.skipped.map((s) => s.reason),
      [`${p} message 7: cut off inside its headers; not read`],
    );
    const gz = join(tmp, 'thread.mbox.gz');
    writeFileSync(gz, gzipSync(mbox(THREAD)));
    assert.deepEqual(summary(await planImportFile(ctx, gz)), summary(await planImportFile(ctx, writeMbox('plain.mbox', THREAD))));
  });
});

function writeMbox(name: string, msgs: Msg[]): string {
  const p = join(tmp, name);
  writeFileSync(p, mbox(msgs));
  return p;
}
