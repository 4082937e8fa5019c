/**
 * Shared by the TUI tests: hand-written view data (a 3-patch vfio series with
 * items in every status), an Actions that records what reaches it, and a
 * mount helper that polls frames and the reducer state instead of sleeping.
 */
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import type { Actions, Effect, EffectResult } from '../../components/effects.js';
import type { AppData } from '../../components/view-data.js';
import type { ScreenId, UiState } from '../../components/ui-state.js';

export function fixtureData(): AppData {
  return {
    series: {
      branch: 'zorb-vfio',
      baseRef: 'master',
      baseCommit: '1f0cde8be924aaaabbbbccccddddeeeeffff0000',
      version: 1,
      submitter: 'Sam Submitter <sam@submitter.example>',
      commits: [
        {
          sha: 'a'.repeat(40),
          subject: 'net: zorb: export VF state',
          author: 'Sam Submitter <sam@submitter.example>',
          trailers: [{ key: 'Signed-off-by', value: 'Sam Submitter <sam@submitter.example>' }],
          files: [{ path: 'drivers/net/zorb/main.c', status: 'M', additions: 10, deletions: 1 }],
          problems: [],
        },
        {
          sha: 'b'.repeat(40),
          subject: 'vfio/pci: add Acme Zorb variant driver',
          author: 'Sam Submitter <sam@submitter.example>',
          trailers: [
            { key: 'Reviewd-by', value: 'Rita Reviewer <rita@example.org>', problem: '"Reviewd-by" looks like a misspelling of Reviewed-by' },
            { key: 'Signed-off-by', value: 'Sam Submitter <sam@submitter.example>' },
          ],
          files: [{ path: 'drivers/vfio/pci/zorb/main.c', status: 'A', additions: 120, deletions: 0 }],
          problems: [],
        },
        {
          sha: 'c'.repeat(40),
          subject: 'MAINTAINERS: add Acme Zorb entry',
          author: 'Sam Submitter <sam@submitter.example>',
          trailers: [],
          files: [{ path: 'MAINTAINERS', status: 'M', additions: 6, deletions: 0 }],
          problems: ['no Signed-off-by from the author Sam Submitter <sam@submitter.example>'],
        },
      ],
    },
    profiles: [{ id: 'vfio-pci-variant', title: 'vfio-pci variant driver', doc: 'Documentation/driver-api/vfio-pci-device-specific-driver-acceptance.rst' }],
    items: [
      {
        id: 'vfio.maintainers-entry',
        profile: 'vfio-pci-variant',
        title: 'MAINTAINERS entry',
        status: 'pass',
        summary: 'drivers/vfio/pci/zorb/ is covered',
        evidence: [{ kind: 'file', text: 'F: drivers/vfio/pci/zorb/', path: 'MAINTAINERS', line: 70 }],
        resolve: [],
      },
      {
        id: 'vfio.parent-approval',
        profile: 'vfio-pci-variant',
        title: 'Parent driver approval',
        status: 'open',
        summary: 'no ack from ZORB ETHERNET DRIVER',
        question: 'Did the parent driver maintainers approve?',
        evidence: [{ kind: 'file', text: 'changes the PF driver', path: 'drivers/net/zorb/main.c' }],
        doc: {
          path: 'Documentation/driver-api/vfio-pci-device-specific-driver-acceptance.rst',
          excerpt: 'New driver submissions are therefore requested to have approval via sign-off/ack/review/etc for any interactions with parent drivers.',
        },
        resolve: [],
        fix: 'trailers',
        waitingFor: ['Pat Parent <pat@zorb.example>'],
      },
      {
        id: 'vfio.device-docs',
        profile: 'vfio-pci-variant',
        title: 'Documentation of the device-specific extensions',
        status: 'open',
        summary: 'migration is supported: three questions',
        evidence: [],
        resolve: [],
        answersAll: true,
        questions: [
          { id: 'vfio.device-docs.state', title: 'How the device state is composed and consumed' },
          { id: 'vfio.device-docs.exclusive', title: 'What is not otherwise available via vfio-pci' },
          { id: 'vfio.device-docs.safeguards', title: 'Safeguards that validate the data' },
        ],
      },
      {
        id: 'vfio.userspace-data',
        profile: 'vfio-pci-variant',
        title: 'No unchecked userspace data',
        status: 'open',
        summary: '2 places take userspace data',
        evidence: [{ kind: 'line', text: 'copy_from_user', path: 'drivers/vfio/pci/zorb/main.c', line: 42 }],
        resolve: ['confirm'],
      },
      {
        id: 'kernel.signoff',
        profile: 'kernel',
        title: 'Signed-off-by',
        status: 'fail',
        summary: 'a commit lacks its sign-off',
        evidence: [{ kind: 'commit', text: 'no Signed-off-by', commit: 'c'.repeat(40) }],
        resolve: [],
        fix: 'trailers',
        fixes: [{ commits: ['c'.repeat(12)], trailer: 'Signed-off-by: Sam Submitter <sam@submitter.example>' }],
      },
      { id: 'kernel.checkpatch', profile: 'kernel', title: 'checkpatch', status: 'n/a', summary: 'no script', evidence: [], resolve: [] },
    ],
    recipients: {
      mode: 'series',
      list: [
        {
          name: 'Alex Maintainer',
          email: 'alex@vfio.example',
          address: 'Alex Maintainer <alex@vfio.example>',
          field: 'to',
          reasons: ['maintainer: VFIO DRIVER'],
          dropped: false,
          manual: false,
        },
        {
          name: 'Rita Reviewer',
          email: 'rita@example.org',
          address: 'Rita Reviewer <rita@example.org>',
          field: 'cc',
          reasons: ['reviewer: VFIO PCI DEVICE SPECIFIC DRIVERS'],
          dropped: false,
          manual: false,
        },
        { name: '', email: 'kvm@vger.example', address: 'kvm@vger.example', field: 'cc', reasons: ['open list: VFIO DRIVER'], dropped: true, manual: false },
      ],
      perPatch: [{ subject: 'net: zorb: export VF state', to: ['Nate Net <nate@net.example>'], cc: ['netdev@vger.example'] }],
    },
    cover: {
      separate: true,
      subject: '[PATCH 0/3] Acme Zorb vfio-pci variant driver',
      title: 'Acme Zorb vfio-pci variant driver',
      body: 'This adds live migration.',
      changes: '',
      prefixes: [],
      preview: 'Subject: [PATCH 0/3] Acme Zorb vfio-pci variant driver\n\nThis adds live migration.\n\nSam Submitter (3):\n  net: zorb: export VF state',
    },
    send: { exportDir: '/tmp/outgoing/v1', exported: [], sent: [] },
    people: ['Pat Parent <pat@zorb.example>', 'Rita Reviewer <rita@example.org>'],
    canUndo: false,
  };
}

/** Records every effect; answers with `respond` (default: nothing changes). */
export class RecordingActions implements Actions {
  effects: Effect[] = [];
  constructor(private respond: (e: Effect) => EffectResult | Promise<EffectResult> = () => ({})) {}
  async perform(e: Effect): Promise<EffectResult> {
    this.effects.push(e);
    return this.respond(e);
  }
}

// eslint-disable-next-line no-control-regex
export const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function mount(data: AppData, actions: Actions, opts: { width?: number; height?: number; screen?: ScreenId; color?: boolean; startup?: Effect[] } = {}) {
  let state: UiState | undefined;
  const onState = (s: UiState) => (state = s);
  const el = (w: number, h: number) => (
    <App data={data} actions={actions} width={w} height={h} color={opts.color ?? false} screen={opts.screen} startup={opts.startup} onState={onState} />
  );
  const r = render(el(opts.width ?? 80, opts.height ?? 24));
  const api = {
    ...r,
    resize: (w: number, h: number) => r.rerender(el(w, h)),
    state: () => state!,
    frame: () => plain(r.lastFrame()),
    /** Type keys one at a time, letting the reducer see each before the next. */
    async keys(...ks: string[]) {
      for (const k of ks) {
        r.stdin.write(k);
        await new Promise((res) => setImmediate(res));
      }
    },
    waitFrame: (text: string | RegExp) =>
      until(`a frame with ${text}`, () => (typeof text === 'string' ? api.frame().includes(text) : text.test(api.frame())) && api.frame()),
    waitState: <T,>(what: string, f: (s: UiState) => T | undefined | false) => until(what, () => state && f(state)),
  };
  return api;
}

export const KEY = {
  enter: '\r',
  esc: '\x1b',
  tab: '\t',
  shiftTab: '\x1b[Z',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  backspace: '\x7f',
  ctrlS: '\x13',
  ctrlC: '\x03',
  pgDown: '\x1b[6~',
};
